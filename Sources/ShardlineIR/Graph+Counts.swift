/// Floating-point operations and memory traffic of each op, the inputs of the cost model.
extension Graph {
  /// Floating-point operations the node performs (a multiply–add counts 2).
  ///
  /// dot_general: 2·|result|·|contracting|; convolution: 2·|result|·(kernel window ×
  /// input features per group); element-wise ops: one per result element; reductions: one per
  /// operand element; scatter-add: one per update element. Data movement counts 0.
  public func flops(of id: NodeID) -> Double {
    let node = self[id]
    let result = Double(node.type.elementCount)
    switch node.op {
    case .dotGeneral(let numbers):
      let lhs = self[node.operands[0]].type
      let contracting = numbers.lhsContracting.reduce(1) { $0 * lhs.shape[$1] }
      return 2 * result * Double(contracting)
    case .convolution(let a):
      let kernel = self[node.operands[1]].type
      let window = a.kernelSpatialDimensions.reduce(1) { $0 * kernel.shape[$1] }
      return 2 * result * Double(window * kernel.shape[a.kernelInputFeatureDimension])
    case .unary, .binary, .compare, .select: return result
    case .reduce: return Double(self[node.operands[0]].type.elementCount)
    case .scatterAdd: return Double(self[node.operands[2]].type.elementCount)
    case .parameter, .constant, .iota, .convert, .broadcastInDim, .reshape, .transpose, .reverse,
      .slice, .concatenate, .pad, .gather, .dynamicSlice, .dynamicUpdateSlice:
      return 0
    }
  }

  /// Bytes the node reads and writes in device memory, assuming nothing stays in cache.
  ///
  /// Reshapes, parameters and splat constants are free; gather reads only the gathered rows;
  /// (dynamic) update slices and scatter-add count the update twice (read-modify-write) and the
  /// result in place.
  public func bytesAccessed(of id: NodeID) -> Double {
    let node = self[id]
    let resultBytes = Double(node.type.byteCount)
    let operandBytes = node.operands.reduce(0.0) { $0 + Double(self[$1].type.byteCount) }
    switch node.op {
    case .parameter, .reshape, .constant(.splat): return 0
    case .iota, .constant: return resultBytes
    case .gather, .dynamicSlice: return 2 * resultBytes
    case .dynamicUpdateSlice:
      return 2 * Double(self[node.operands[1]].type.byteCount)
    case .scatterAdd:
      return 3 * Double(self[node.operands[2]].type.byteCount)
    case .broadcastInDim:
      return resultBytes + operandBytes
    default:
      return operandBytes + resultBytes
    }
  }

  /// Total floating-point operations of the graph.
  public var totalFlops: Double { nodes.indices.reduce(0) { $0 + flops(of: NodeID($1)) } }

  /// Number of nodes of each op kind, by ``Op/kindName``.
  public var opCounts: [String: Int] {
    nodes.reduce(into: [:]) { $0[$1.op.kindName, default: 0] += 1 }
  }
}

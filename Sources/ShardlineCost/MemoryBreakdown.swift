import ShardlineIR

/// Bytes a training step needs on one device that runs all of it, by purpose.
public struct MemoryBreakdown: Sendable, Hashable, Codable {
  /// Parameters as stored (f32 master weights).
  public var parameterBytes: Int
  /// Gradient accumulators, one per parameter element in f32.
  public var gradientBytes: Int
  /// Optimizer state (momentum, Adam moments, step counters).
  public var optimizerStateBytes: Int
  /// Low-precision working copies of the weights under mixed precision (0 in f32).
  public var weightCopyBytes: Int
  /// Forward values kept alive for the backward pass.
  public var activationBytes: Int

  /// Everything together, in bytes.
  public var totalBytes: Int {
    parameterBytes + gradientBytes + optimizerStateBytes + weightCopyBytes + activationBytes
  }

  /// Accounts the memory of a training-step graph.
  ///
  /// Activations are the forward values that some backward op reads, excluding graph inputs
  /// (already counted as parameters or batch) and splat constants; weight copies are `convert`s
  /// of parameters. Gradients are counted once per parameter element in f32 (the accumulators
  /// gradient accumulation over microbatches needs).
  public init(graph: Graph) {
    var users = Array(repeating: Set<Phase>(), count: graph.nodes.count)
    for node in graph.nodes {
      for operand in node.operands { users[operand.rawValue].insert(node.phase) }
    }
    let parameters = Set(graph.inputs(.parameter).map(\.node))
    var activations = 0
    var copies = 0
    for node in graph.nodes where node.phase == .forward {
      if node.op == .convert, let source = node.operands.first, parameters.contains(source) {
        copies += node.type.byteCount
        continue
      }
      switch node.op {
      case .parameter, .constant(.splat), .iota: continue
      default: break
      }
      if users[node.id.rawValue].contains(.backward) { activations += node.type.byteCount }
    }
    parameterBytes = graph.parameterBytes
    gradientBytes = graph.parameterCount * DType.f32.byteSize
    optimizerStateBytes = graph.inputs(.optimizerState).reduce(0) {
      $0 + graph[$1.node].type.byteCount
    }
    weightCopyBytes = copies
    activationBytes = activations
  }
}

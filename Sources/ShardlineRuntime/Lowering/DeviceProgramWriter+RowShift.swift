import ShardlineIR
import ShardlineSharding

/// Running a vocabulary-split gather or scatter-add: the index ops of a ``RowShift`` around the
/// local op, with the rows of the device written for.
extension DeviceProgramWriter {
  /// Runs `local`, a gather or scatter-add on the device's rows of its table, on `operands`
  /// (table, indices and, for a scatter-add, updates) after moving the indices into those rows
  /// as `shift` describes; frees the intermediates.
  mutating func run(_ local: Node, _ operands: [BufferID], shift: RowShift) -> BufferID {
    let first = shift.firstRows(at: coordinate, on: mesh)
    let name = local.name + "/rows"
    guard let bounds = shift.gatherBounds else {
      let shifted = subtract(first, from: operands[1], shift, name: name)
      let result = run(local, [operands[0], shifted, operands[2]])
      free(shifted)
      return result
    }
    let zero = indexConstant(Array(repeating: 0, count: bounds.count), shift, name: name)
    let last = indexConstant(bounds, shift, name: name)
    let raised = run(localNode(.binary(.maximum), shift.indices, name), [operands[1], zero])
    let clamped = run(localNode(.binary(.minimum), shift.indices, name), [raised, last])
    for buffer in [zero, last, raised] { free(buffer) }
    var offsets = first
    for split in shift.rows { offsets[split.component] -= 1 }
    let shifted = subtract(offsets, from: clamped, shift, name: name)
    free(clamped)
    var low = Array(repeating: 0, count: shift.table.rank)
    for split in shift.rows { low[split.dimension] = 1 }
    var padded = shift.table.shape
    for split in shift.rows { padded[split.dimension] += 2 }
    let padValue = run(
      localNode(.constant(.splat(0)), TensorType([], shift.table.dtype), name), [])
    let table = run(
      localNode(.pad(PadAttributes(low: low, high: low)), shift.table.with(shape: padded), name),
      [operands[0], padValue])
    free(padValue)
    let result = run(local, [table, shifted])
    free(table)
    free(shifted)
    return result
  }

  /// `indices − offsets`, the offsets given per index vector component.
  private mutating func subtract(
    _ offsets: [Int], from indices: BufferID, _ shift: RowShift, name: String
  ) -> BufferID {
    let offset = indexConstant(offsets, shift, name: name)
    let result = run(localNode(.binary(.subtract), shift.indices, name), [indices, offset])
    free(offset)
    return result
  }

  /// A tensor of the indices' type holding `values[k]` in every index vector's component `k`.
  private mutating func indexConstant(_ values: [Int], _ shift: RowShift, name: String)
    -> BufferID
  {
    let doubles = values.map(Double.init)
    guard Set(doubles).count > 1 else {
      return run(localNode(.constant(.splat(doubles[0])), shift.indices, name), [])
    }
    let vector = run(
      localNode(.constant(.dense(doubles)), TensorType([values.count], shift.indices.dtype), name),
      [])
    let result = run(
      localNode(.broadcastInDim(dimensions: [shift.indexVectorDimension]), shift.indices, name),
      [vector])
    free(vector)
    return result
  }

  private func localNode(_ op: Op, _ type: TensorType, _ name: String) -> Node {
    Node(
      id: NodeID(0), op: op, operands: [], type: type, name: name, phase: .forward, layer: nil)
  }
}

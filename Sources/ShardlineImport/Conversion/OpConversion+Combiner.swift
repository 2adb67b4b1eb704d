/// Recognizing the two-argument region a reduction or scatter combines elements with.
extension OpConversion {
  /// What a region's single combining step does: the op applied to its two arguments, or a
  /// description (`replacing`) when it returns one argument unchanged.
  ///
  /// - Throws: An ``ImportError`` when the op has no region or the region is not one op of its
  ///   two arguments followed by `stablehlo.return`.
  func combiner(region index: Int = 0) throws(ImportError) -> String {
    guard operation.regions.indices.contains(index) else { throw error("missing region") }
    let block = operation.regions[index]
    guard block.arguments.count == 2 else {
      throw error("combiner region has \(block.arguments.count) arguments, expected 2")
    }
    let names = Set(block.arguments.map(\.name))
    guard let terminator = block.operations.last, terminator.operands.count == 1 else {
      throw error("combiner region does not return one value")
    }
    let returned = terminator.operands[0]
    if block.operations.count == 1, names.contains(returned.name) { return "replacing" }
    guard block.operations.count == 2, let step = block.operations.first,
      step.resultName == returned.name, step.operands.count == 2,
      Set(step.operands.map(\.name)) == names
    else { throw error("combiner region is not a single op of its two arguments") }
    return step.name
  }
}

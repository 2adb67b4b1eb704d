import ShardlineIR

/// `stablehlo.while`, unrolled, and `func.call`, inlined.
extension OpConversion {
  /// The most iterations an unrolled loop may run.
  static let iterationLimit = 10_000

  /// Unrolls a while loop: the condition region is evaluated with the import-time constant
  /// folder on the current iteration values, and the body region is converted once per
  /// iteration.
  ///
  /// - Throws: An ``ImportError`` when the condition is not a known value after folding (the
  ///   trip count depends on data) or the loop runs more than ``iterationLimit`` times.
  func convertWhile() throws(ImportError) -> [Bound] {
    guard operation.regions.count == 2 else {
      throw error("expects a condition and a body region")
    }
    var state: [Bound] = []
    for index in operation.operands.indices { state.append(try bound(index)) }
    let (condition, body) = (operation.regions[0], operation.regions[1])
    var iterations = 0
    while true {
      let conditionScope = Scope(parent: scope)
      try converter.bind(
        condition.arguments, to: state, in: conditionScope, owner: operation.location,
        opName: operation.name)
      let verdict = try converter.run(
        condition, in: conditionScope, owner: operation.location)
      guard verdict.count == 1, verdict[0].type == TensorType([], .i1),
        let keepGoing = verdict[0].element(0)
      else {
        throw error(
          "the trip count cannot be determined statically (the condition depends on data)")
      }
      if keepGoing == 0 { break }
      iterations += 1
      guard iterations <= Self.iterationLimit else {
        throw error("the loop runs more than \(Self.iterationLimit) iterations")
      }
      let bodyScope = Scope(parent: scope)
      try converter.bind(
        body.arguments, to: state, in: bodyScope, owner: operation.location,
        opName: operation.name)
      state = try converter.run(body, in: bodyScope, owner: operation.location)
    }
    try checkResults(state)
    return state
  }

  /// Inlines the called function; recursion is rejected.
  func convertCall() throws(ImportError) -> [Bound] {
    let callee: String
    switch try attribute("callee") {
    case .symbol(let name), .string(let name): callee = name
    default: throw error("attribute 'callee' is not a symbol")
    }
    guard let function = converter.functions[callee] else {
      throw error("calls unknown function @\(callee)")
    }
    guard !converter.callStack.contains(callee) else {
      throw error("recursive call of @\(callee) is not supported")
    }
    var arguments: [Bound] = []
    for index in operation.operands.indices { arguments.append(try bound(index)) }
    let calleeScope = Scope()
    try converter.bind(
      function.arguments, to: arguments, in: calleeScope, owner: operation.location,
      opName: operation.name)
    converter.callStack.append(callee)
    defer { converter.callStack.removeLast() }
    let results = try converter.run(function.body, in: calleeScope, owner: function.location)
    try checkResults(results)
    return results
  }

  /// Checks a multi-result op's values against its written result types.
  private func checkResults(_ results: [Bound]) throws(ImportError) {
    guard results.count == operation.resultCount else {
      throw error("gives \(results.count) result(s), the text binds \(operation.resultCount)")
    }
    if operation.resultTypes.isEmpty { return }
    for (index, result) in results.enumerated() { try check(result.type, against: index) }
  }
}

import ShardlineIR

/// Running blocks: binding their arguments, converting their ops in order, returning what their
/// terminator returns.
extension Converter {
  /// The ops that end a block.
  static let terminators: Set<String> = ["stablehlo.return", "func.return", "return"]

  /// Converts `block`'s ops in `scope` and returns the values of its terminator's operands.
  ///
  /// - Parameter location: Where the block's owner is written, for a block without terminator.
  func run(_ block: Block, in scope: Scope, owner location: SourceLocation) throws(ImportError)
    -> [Bound]
  {
    for operation in block.operations {
      if Self.terminators.contains(operation.name) {
        var results: [Bound] = []
        for operand in operation.operands { results.append(try scope.lookup(operand)) }
        return results
      }
      try checkOperandTypes(operation, in: scope)
      let results = try OpConversion(converter: self, operation: operation, scope: scope)
        .convert()
      guard results.count == operation.resultCount else {
        throw ImportError(
          at: operation.location, op: operation.name,
          "gives \(results.count) result(s), the text binds \(operation.resultCount)")
      }
      if let name = operation.resultName { scope.bind(name, results) }
    }
    throw ImportError(at: location, "block does not end with a return")
  }

  /// Binds `arguments` to `values` in `scope`, checking count and types.
  func bind(
    _ arguments: [BlockArgument], to values: [Bound], in scope: Scope,
    owner location: SourceLocation, opName: String?
  ) throws(ImportError) {
    guard arguments.count == values.count else {
      throw ImportError(
        at: location, op: opName,
        "\(values.count) value(s) for a block of \(arguments.count) argument(s)")
    }
    for (argument, value) in zip(arguments, values) {
      let type = try argument.type.tensorType(at: argument.location, op: opName)
      guard type == value.type else {
        throw ImportError(
          at: argument.location, op: opName,
          "argument %\(argument.name) is \(type.mlirDescription) but receives "
            + value.type.mlirDescription)
      }
      scope.bind(argument.name, [value])
    }
  }

  /// Checks the operand types the text writes (when it writes them all) against the values.
  private func checkOperandTypes(_ operation: Operation, in scope: Scope) throws(ImportError) {
    guard operation.operandTypes.count == operation.operands.count else { return }
    for (reference, written) in zip(operation.operands, operation.operandTypes) {
      let type = try written.tensorType(at: operation.location, op: operation.name)
      let actual = try scope.lookup(reference).type
      guard type == actual else {
        throw ImportError(
          at: reference.location, op: operation.name,
          "operand \(reference) is \(actual.mlirDescription) but the text says "
            + type.mlirDescription)
      }
    }
  }
}

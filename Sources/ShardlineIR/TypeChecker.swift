/// Checks an op against its operand types and derives (or verifies) its result type.
///
/// Every node is checked when ``GraphBuilder`` adds it and when a graph is loaded, so a graph
/// never holds an op whose shapes or dtypes are inconsistent.
public struct TypeChecker: Sendable {
  /// The scope name of the node being checked, for error messages.
  let name: String
  /// The op being checked.
  let op: Op
  /// Operand types, in order.
  let operands: [TensorType]

  /// Returns the result type of `op` applied to `operands`.
  ///
  /// - Parameters:
  ///   - declared: The node's declared type. Required for ops whose result cannot be derived
  ///     (`parameter`, `constant`, `iota`, `convert`, `reshape`, `broadcastInDim`); for other
  ///     ops, when given, it must equal the derived type.
  /// - Throws: ``IRError/invalidOp(node:kind:reason:)`` naming the node and the violation.
  public static func resultType(
    of op: Op, operands: [TensorType], declared: TensorType?, name: String
  ) throws(IRError) -> TensorType {
    let checker = TypeChecker(name: name, op: op, operands: operands)
    let derived = try checker.derive(declared: declared)
    if let declared, declared != derived {
      throw checker.error("declared type \(declared) but operands give \(derived)")
    }
    return derived
  }

  func error(_ reason: String) -> IRError {
    .invalidOp(node: name, kind: op.kindName, reason: reason)
  }

  func expectOperands(_ count: Int) throws(IRError) {
    if operands.count != count {
      throw error("expects \(count) operand(s), got \(operands.count)")
    }
  }

  func requireDeclared(_ declared: TensorType?) throws(IRError) -> TensorType {
    guard let declared else { throw error("needs a declared result type") }
    if declared.shape.contains(where: { $0 < 0 }) {
      throw error("negative dimension in \(declared)")
    }
    return declared
  }

  func checkDimensions(_ dims: [Int], rank: Int, what: String) throws(IRError) {
    if Set(dims).count != dims.count { throw error("repeated \(what) dimension in \(dims)") }
    if let bad = dims.first(where: { $0 < 0 || $0 >= rank }) {
      throw error("\(what) dimension \(bad) out of range for rank \(rank)")
    }
  }

  private func derive(declared: TensorType?) throws(IRError) -> TensorType {
    switch op {
    case .parameter:
      try expectOperands(0)
      return try requireDeclared(declared)
    case .constant(let value):
      try expectOperands(0)
      let type = try requireDeclared(declared)
      if case .dense(let values) = value, values.count != type.elementCount {
        throw error("\(values.count) values for \(type)")
      }
      return type
    case .iota(let dimension):
      try expectOperands(0)
      let type = try requireDeclared(declared)
      if dimension < 0 || dimension >= type.rank {
        throw error("iota dimension \(dimension) out of range for \(type)")
      }
      return type
    case .convert:
      try expectOperands(1)
      let type = try requireDeclared(declared)
      if type.shape != operands[0].shape { throw error("convert cannot change shape") }
      return type
    case .unary(let unary):
      try expectOperands(1)
      if unary != .negate && unary != .abs && unary != .sign && !operands[0].dtype.isFloatingPoint {
        throw error("needs a floating-point operand, got \(operands[0])")
      }
      return operands[0]
    case .binary(let binary):
      return try binaryType(binary)
    case .compare:
      try expectOperands(2)
      try sameTypes(operands[0], operands[1])
      return operands[0].with(dtype: .i1)
    case .select:
      try expectOperands(3)
      try sameTypes(operands[1], operands[2])
      if operands[0].dtype != .i1 { throw error("predicate must be i1, got \(operands[0])") }
      if operands[0].rank != 0 && operands[0].shape != operands[1].shape {
        throw error("predicate \(operands[0]) does not match \(operands[1])")
      }
      return operands[1]
    case .broadcastInDim(let dimensions):
      try expectOperands(1)
      return try broadcastType(dimensions, declared: declared)
    case .reshape:
      try expectOperands(1)
      let type = try requireDeclared(declared)
      if type.elementCount != operands[0].elementCount || type.dtype != operands[0].dtype {
        throw error("cannot reshape \(operands[0]) to \(type)")
      }
      return type
    default:
      return try deriveStructural()
    }
  }

  func sameTypes(_ a: TensorType, _ b: TensorType) throws(IRError) {
    if a != b { throw error("operand types differ: \(a) vs \(b)") }
  }

  private func binaryType(_ binary: BinaryOperator) throws(IRError) -> TensorType {
    try expectOperands(2)
    try sameTypes(operands[0], operands[1])
    switch binary {
    case .and, .or:
      if operands[0].dtype.isFloatingPoint { throw error("needs i1 or integer operands") }
    case .power:
      if !operands[0].dtype.isFloatingPoint { throw error("needs floating-point operands") }
    default:
      if operands[0].dtype == .i1 { throw error("arithmetic on i1 operands") }
    }
    return operands[0]
  }

  private func broadcastType(_ dimensions: [Int], declared: TensorType?) throws(IRError)
    -> TensorType
  {
    let type = try requireDeclared(declared)
    let operand = operands[0]
    if dimensions.count != operand.rank {
      throw error("\(dimensions.count) dimensions for operand \(operand)")
    }
    try checkDimensions(dimensions, rank: type.rank, what: "broadcast")
    if dimensions != dimensions.sorted() { throw error("broadcast dimensions must increase") }
    for (i, d) in dimensions.enumerated()
    where operand.shape[i] != 1
      && operand.shape[i] != type.shape[d]
    {
      throw error("operand dimension \(i) of size \(operand.shape[i]) cannot broadcast to \(type)")
    }
    if type.dtype != operand.dtype { throw error("broadcast cannot change dtype") }
    return type
  }
}

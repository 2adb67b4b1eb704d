import ShardlineIR

/// One operation being converted: its operands, attributes and result types as the IR sees
/// them, and the emission of nodes named after it.
///
/// Every accessor throws an ``ImportError`` at the op's location instead of trapping, so
/// malformed input never crashes the importer.
struct OpConversion {
  /// The import's state.
  let converter: Converter
  /// The op.
  let operation: Operation
  /// The names visible to it.
  let scope: Scope

  /// An error at the op's location naming the op.
  func error(_ reason: String) -> ImportError {
    ImportError(at: operation.location, op: operation.name, reason)
  }

  /// The name the op's (main) node gets: its debug name without the `jit(…)/` prefixes, else
  /// `<op>.<result>` (`add.5`).
  var label: String {
    if let debug = operation.debugName {
      let parts = debug.split(separator: "/").drop {
        $0.hasPrefix("jit(") || $0.hasPrefix("pjit(")
      }
      if !parts.isEmpty { return parts.joined(separator: "/") }
    }
    let short = operation.name.split(separator: ".").last.map(String.init) ?? operation.name
    return operation.resultName.map { "\(short).\($0)" } ?? short
  }

  /// Checks the operand count.
  func expectOperands(_ count: Int) throws(ImportError) {
    guard operation.operands.count == count else {
      throw error("expects \(count) operand(s), got \(operation.operands.count)")
    }
  }

  /// Operand `index` as bound.
  func bound(_ index: Int) throws(ImportError) -> Bound {
    guard operation.operands.indices.contains(index) else {
      throw error("missing operand \(index)")
    }
    return try scope.lookup(operation.operands[index])
  }

  /// Operand `index` as a graph value.
  func value(_ index: Int) throws(ImportError) -> Value {
    try materialize(bound(index))
  }

  /// All operands as graph values.
  func values() throws(ImportError) -> [Value] {
    var result: [Value] = []
    for index in operation.operands.indices { result.append(try value(index)) }
    return result
  }

  /// A bound value as a graph value.
  func materialize(_ bound: Bound) throws(ImportError) -> Value {
    try converter.materialize(bound, at: operation.location, opName: operation.name)
  }

  /// The type of result `index` as written.
  func resultType(_ index: Int = 0) throws(ImportError) -> TensorType {
    guard operation.resultTypes.indices.contains(index) else {
      throw error("no type written for result \(index)")
    }
    return try operation.resultTypes[index].tensorType(
      at: operation.location, op: operation.name)
  }

  /// Emits a helper node named `<label>/<suffix>`.
  func emit(_ op: Op, _ operands: [Value], type: TensorType? = nil, suffix: String)
    throws(ImportError) -> Value
  {
    try converter.emit(
      op, operands, type: type, label: "\(label)/\(suffix)", at: operation.location,
      opName: operation.name)
  }

  /// Emits the op's result node and checks it against result type `index` as written.
  ///
  /// - Parameter declared: Whether to pass the written type to the IR (for ops whose type the IR
  ///   cannot derive); otherwise the derived type must equal the written one.
  func emitResult(_ op: Op, _ operands: [Value], declared: Bool = false, result index: Int = 0)
    throws(ImportError) -> Bound
  {
    let written = try resultType(index)
    let node = try converter.emit(
      op, operands, type: declared ? written : nil, label: label, at: operation.location,
      opName: operation.name)
    try check(node.type, against: index)
    return Bound(node: node)
  }

  /// Checks a computed type against result type `index` as written.
  func check(_ type: TensorType, against index: Int = 0) throws(ImportError) {
    let written = try resultType(index)
    guard written == type else {
      throw error(
        "shape mismatch: text says \(written.mlirDescription), op gives \(type.mlirDescription)")
    }
  }

  /// A known value named after this op.
  func known(_ value: ConstantValue, _ type: TensorType) -> Bound {
    Bound(known: value, type: type, label: label)
  }
}

import ShardlineIR

/// Which converter handles each op name, and the ops the importer rejects.
extension OpConversion {
  /// The op's results, converted.
  ///
  /// - Throws: An ``ImportError`` naming the op for ops the IR cannot express (`sort`, `rng`,
  ///   `custom_call`, collectives, …) and for any malformed op.
  func convert() throws(ImportError) -> [Bound] {
    let name = operation.name
    if let unary = Self.unaryOps[name] { return [try convertUnary(unary)] }
    if let binary = Self.binaryOps[name] { return [try convertBinary(binary)] }
    switch name {
    case "stablehlo.constant": return [try convertConstant()]
    case "stablehlo.iota": return [try convertIota()]
    case "stablehlo.convert": return [try convertConvert()]
    case "stablehlo.compare": return [try convertCompare()]
    case "stablehlo.select": return [try convertSelect()]
    case "stablehlo.clamp": return [try convertClamp()]
    case "stablehlo.not": return [try convertNot()]
    case "stablehlo.is_finite": return [try convertIsFinite()]
    case "stablehlo.erf", "chlo.erf": return [try convertErf()]
    case "chlo.erfc": return [try convertErfc()]
    case "stablehlo.xor": return [try convertXor()]
    case "stablehlo.exponential_minus_one": return [try convertExpm1()]
    case "stablehlo.log_plus_one": return [try convertLog1p()]
    case "stablehlo.broadcast_in_dim": return [try convertBroadcast()]
    case "stablehlo.reshape": return [try convertReshape()]
    case "stablehlo.transpose": return [try convertTranspose()]
    case "stablehlo.reverse": return [try convertReverse()]
    case "stablehlo.slice": return [try convertSlice()]
    case "stablehlo.concatenate": return [try convertConcatenate()]
    case "stablehlo.pad": return [try convertPad()]
    case "stablehlo.dynamic_slice": return [try convertDynamicSlice()]
    case "stablehlo.dynamic_update_slice": return [try convertDynamicUpdateSlice()]
    case "stablehlo.gather": return [try convertGather()]
    case "stablehlo.scatter": return [try convertScatter()]
    case "stablehlo.dot_general": return [try convertDotGeneral()]
    case "stablehlo.convolution": return [try convertConvolution()]
    case "stablehlo.reduce": return try convertReduce()
    case "stablehlo.reduce_window": return [try convertReduceWindow()]
    case "stablehlo.select_and_scatter": return [try convertSelectAndScatter()]
    case "stablehlo.while": return try convertWhile()
    case "func.call", "call": return try convertCall()
    case "stablehlo.optimization_barrier": return try passThrough()
    case "sdy.sharding_constraint": return try passThrough()
    case "stablehlo.custom_call": return try convertCustomCall()
    default: throw error(Self.unsupportedReason(name))
    }
  }

  /// Ops that map onto one IR unary op.
  static let unaryOps: [String: UnaryOperator] = [
    "stablehlo.negate": .negate, "stablehlo.exponential": .exponential, "stablehlo.log": .log,
    "stablehlo.tanh": .tanh, "stablehlo.logistic": .logistic, "stablehlo.sqrt": .sqrt,
    "stablehlo.rsqrt": .rsqrt, "stablehlo.abs": .abs, "stablehlo.sign": .sign,
    "chlo.square": .square, "stablehlo.sine": .sine, "stablehlo.cosine": .cosine,
  ]

  /// Ops that map onto one IR binary op.
  static let binaryOps: [String: BinaryOperator] = [
    "stablehlo.add": .add, "stablehlo.subtract": .subtract, "stablehlo.multiply": .multiply,
    "stablehlo.divide": .divide, "stablehlo.maximum": .maximum, "stablehlo.minimum": .minimum,
    "stablehlo.power": .power, "stablehlo.and": .and, "stablehlo.or": .or,
  ]

  /// Why an op the importer does not handle is rejected.
  static func unsupportedReason(_ name: String) -> String {
    switch name {
    case "stablehlo.sort": "sorting is not supported: the IR has no sort op"
    case "stablehlo.rng", "stablehlo.rng_bit_generator":
      "random number generation is not supported: pass random values as arguments"
    case "stablehlo.all_reduce", "stablehlo.all_gather", "stablehlo.reduce_scatter",
      "stablehlo.all_to_all", "stablehlo.collective_permute", "stablehlo.collective_broadcast":
      "collectives are not supported: import the unpartitioned program"
    case "chlo.erf_inv": "the inverse error function is not supported"
    case "stablehlo.return", "func.return", "return":
      "a terminator may only end a block"
    default:
      "\(name) is not supported: the IR has no such op"
    }
  }

  /// Passes every operand through as a result (`optimization_barrier`, sharding constraints).
  func passThrough() throws(ImportError) -> [Bound] {
    guard operation.operands.count == operation.resultCount else {
      throw error(
        "\(operation.operands.count) operand(s) for \(operation.resultCount) result(s)")
    }
    var results: [Bound] = []
    for index in operation.operands.indices {
      let operand = try bound(index)
      try check(operand.type, against: index)
      results.append(operand)
    }
    return results
  }

  /// `custom_call @Sharding` (a GSPMD sharding constraint) is the identity; every other target
  /// is rejected.
  private func convertCustomCall() throws(ImportError) -> [Bound] {
    let target: String? =
      switch operation.attributes["call_target_name"] {
      case .string(let value): value
      case .symbol(let value): value
      default: nil
      }
    if target == "Sharding" { return try passThrough() }
    throw error("custom call \(target.map { "@\($0)" } ?? "") is not supported")
  }
}

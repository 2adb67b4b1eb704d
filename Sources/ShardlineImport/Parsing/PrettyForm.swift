/// How an op whose pretty syntax is `operands, clause = value, … {attributes} : types` is read:
/// which clauses it takes and what a type list without `->` means.
struct PrettyForm: Sendable {
  /// What a type list written without `->` gives.
  enum Signature: Sendable {
    /// `: T`: every operand and the one result are `T`.
    case sameType
    /// `: tensor<i1>, T` (select): the predicate's type, then that of the two choices and the
    /// result.
    case select
    /// `: T1, T2`: one type per operand, each result typed like its operand (optimization
    /// barrier).
    case perOperand
    /// `: T1, T2`: one type per operand, no results (`return`).
    case terminator
  }

  /// Clause keywords and the generic attribute each becomes (`dims` → `permutation`).
  var clauses: [String: String] = [:]
  /// What a type list without `->` gives.
  var signature = Signature.sameType

  /// The form of `name`, or `nil` if its pretty syntax is not this simple shape.
  static func named(_ name: String) -> PrettyForm? {
    if let form = special[name] { return form }
    if elementwise.contains(name) || name.hasPrefix("chlo.") { return PrettyForm() }
    return nil
  }

  private static let special: [String: PrettyForm] = [
    "stablehlo.broadcast_in_dim": PrettyForm(clauses: ["dims": "broadcast_dimensions"]),
    "stablehlo.transpose": PrettyForm(clauses: ["dims": "permutation"]),
    "stablehlo.reverse": PrettyForm(clauses: ["dims": "dimensions"]),
    "stablehlo.concatenate": PrettyForm(clauses: ["dim": "dimension"]),
    "stablehlo.iota": PrettyForm(clauses: ["dim": "iota_dimension"]),
    "stablehlo.dynamic_iota": PrettyForm(clauses: ["dim": "iota_dimension"]),
    "stablehlo.dynamic_slice": PrettyForm(clauses: ["sizes": "slice_sizes"]),
    "stablehlo.get_dimension_size": PrettyForm(clauses: ["dim": "dimension"]),
    "stablehlo.pad": PrettyForm(clauses: [
      "low": "edge_padding_low", "high": "edge_padding_high", "interior": "interior_padding",
    ]),
    "stablehlo.rng_bit_generator": PrettyForm(clauses: ["algorithm": "rng_algorithm"]),
    "stablehlo.select": PrettyForm(signature: .select),
    "stablehlo.optimization_barrier": PrettyForm(signature: .perOperand),
    "stablehlo.return": PrettyForm(signature: .terminator),
    "func.return": PrettyForm(signature: .terminator),
    "sdy.return": PrettyForm(signature: .terminator),
  ]

  /// Ops written `operands {attributes} : T` or `: (Ts) -> T`.
  private static let elementwise: Set<String> = [
    "abs", "add", "and", "atan2", "bitcast_convert", "cbrt", "ceil", "clamp", "complex",
    "convert", "cosine", "count_leading_zeros", "divide", "dynamic_reshape",
    "dynamic_update_slice", "exponential", "exponential_minus_one", "floor", "imag", "is_finite",
    "log", "log_plus_one", "logistic", "maximum", "minimum", "multiply", "negate", "not", "or",
    "partition_id", "popcnt", "power", "real", "remainder", "replica_id", "reshape",
    "round_nearest_afz", "round_nearest_even", "rsqrt", "shift_left", "shift_right_arithmetic",
    "shift_right_logical", "sign", "sine", "sqrt", "subtract", "tan", "tanh",
    "uniform_dequantize", "uniform_quantize", "xor",
  ].reduce(into: []) { names, name in names.insert("stablehlo." + name) }
}

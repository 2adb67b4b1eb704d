/// Element-wise unary operators.
public enum UnaryOperator: String, Codable, Sendable, CaseIterable, Hashable {
  case negate, exponential, log, tanh, logistic, sqrt, rsqrt, abs, square, sign, sine, cosine
}

/// Element-wise binary operators. `and` and `or` act on `i1` (and integer) tensors only.
public enum BinaryOperator: String, Codable, Sendable, CaseIterable, Hashable {
  case add, subtract, multiply, divide, maximum, minimum, power, and, or
}

/// The direction of an element-wise comparison, as StableHLO spells it.
public enum ComparisonDirection: String, Codable, Sendable, CaseIterable, Hashable {
  case eq = "EQ"
  case ne = "NE"
  case lt = "LT"
  case le = "LE"
  case gt = "GT"
  case ge = "GE"
}

/// The combiner of a reduction.
public enum ReductionKind: String, Codable, Sendable, CaseIterable, Hashable {
  case sum, max, min
}

/// The JSON form of an op: `{"kind": "<kindName>", ...attributes}`.
extension Op: Codable {
  private enum CodingKeys: String, CodingKey {
    case kind, value, dimension, dimensions, permutation, slice, pad, dot, convolution, gather,
      scatter, sizes
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try c.decode(String.self, forKey: .kind)
    if let op = UnaryOperator(rawValue: kind) {
      self = .unary(op)
      return
    }
    if let op = BinaryOperator(rawValue: kind) {
      self = .binary(op)
      return
    }
    if kind.hasPrefix("reduce_"), let reduction = ReductionKind(rawValue: String(kind.dropFirst(7)))
    {
      self = .reduce(reduction, dimensions: try c.decode([Int].self, forKey: .dimensions))
      return
    }
    switch kind {
    case "parameter": self = .parameter
    case "constant": self = .constant(try c.decode(ConstantValue.self, forKey: .value))
    case "iota": self = .iota(dimension: try c.decode(Int.self, forKey: .dimension))
    case "convert": self = .convert
    case "compare": self = .compare(try c.decode(ComparisonDirection.self, forKey: .value))
    case "select": self = .select
    case "broadcast_in_dim":
      self = .broadcastInDim(dimensions: try c.decode([Int].self, forKey: .dimensions))
    case "reshape": self = .reshape
    case "transpose": self = .transpose(permutation: try c.decode([Int].self, forKey: .permutation))
    case "reverse": self = .reverse(dimensions: try c.decode([Int].self, forKey: .dimensions))
    case "slice": self = .slice(try c.decode(SliceAttributes.self, forKey: .slice))
    case "concatenate": self = .concatenate(dimension: try c.decode(Int.self, forKey: .dimension))
    case "pad": self = .pad(try c.decode(PadAttributes.self, forKey: .pad))
    case "dot_general": self = .dotGeneral(try c.decode(DotDimensionNumbers.self, forKey: .dot))
    case "convolution":
      self = .convolution(try c.decode(ConvolutionAttributes.self, forKey: .convolution))
    case "gather": self = .gather(try c.decode(GatherDimensionNumbers.self, forKey: .gather))
    case "scatter_add":
      self = .scatterAdd(try c.decode(ScatterDimensionNumbers.self, forKey: .scatter))
    case "dynamic_slice": self = .dynamicSlice(sizes: try c.decode([Int].self, forKey: .sizes))
    case "dynamic_update_slice": self = .dynamicUpdateSlice
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: c, debugDescription: "unknown op kind '\(kind)'")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kindName, forKey: .kind)
    switch self {
    case .parameter, .convert, .unary, .binary, .select, .reshape, .dynamicUpdateSlice: break
    case .constant(let value): try c.encode(value, forKey: .value)
    case .iota(let dimension), .concatenate(let dimension):
      try c.encode(dimension, forKey: .dimension)
    case .compare(let direction): try c.encode(direction, forKey: .value)
    case .broadcastInDim(let dimensions), .reverse(let dimensions), .reduce(_, let dimensions):
      try c.encode(dimensions, forKey: .dimensions)
    case .transpose(let permutation): try c.encode(permutation, forKey: .permutation)
    case .slice(let attributes): try c.encode(attributes, forKey: .slice)
    case .pad(let attributes): try c.encode(attributes, forKey: .pad)
    case .dotGeneral(let numbers): try c.encode(numbers, forKey: .dot)
    case .convolution(let attributes): try c.encode(attributes, forKey: .convolution)
    case .gather(let numbers): try c.encode(numbers, forKey: .gather)
    case .scatterAdd(let numbers): try c.encode(numbers, forKey: .scatter)
    case .dynamicSlice(let sizes): try c.encode(sizes, forKey: .sizes)
    }
  }
}

import ShardlineIR

/// Reading an op's attributes, accepting both the `array<i64: …>` and `dense<…>` spellings of
/// integer lists.
extension OpConversion {
  /// The attribute called `name`.
  func attribute(_ name: String) throws(ImportError) -> Attribute {
    guard let value = operation.attributes[name] else {
      throw error("missing attribute '\(name)'")
    }
    return value
  }

  /// The integer list attribute `name`.
  func integers(_ name: String) throws(ImportError) -> [Int] {
    guard let list = Self.integerList(try attribute(name)) else {
      throw error("attribute '\(name)' is not a list of integers")
    }
    return list
  }

  /// The integer list attribute `name`, or `nil` when absent.
  func optionalIntegers(_ name: String) throws(ImportError) -> [Int]? {
    operation.attributes[name] == nil ? nil : try integers(name)
  }

  /// The integer attribute `name`, or `defaultValue` when absent.
  func integer(_ name: String, default defaultValue: Int? = nil) throws(ImportError) -> Int {
    guard let attribute = operation.attributes[name] else {
      if let defaultValue { return defaultValue }
      throw error("missing attribute '\(name)'")
    }
    switch attribute {
    case .integer(let value): return value
    default:
      guard let list = Self.integerList(attribute), list.count == 1 else {
        throw error("attribute '\(name)' is not an integer")
      }
      return list[0]
    }
  }

  /// The `[[low, high], …]` attribute `name` (a nested list or a `dense<…> : tensor<Nx2xi64>`).
  func integerPairs(_ name: String) throws(ImportError) -> [[Int]] {
    let value = try attribute(name)
    if case .array(let rows) = value,
      rows.allSatisfy({ if case .array = $0 { true } else { false } })
    {
      var pairs: [[Int]] = []
      for row in rows {
        guard let pair = Self.integerList(row), pair.count == 2 else {
          throw error("attribute '\(name)' is not a list of pairs")
        }
        pairs.append(pair)
      }
      return pairs
    }
    guard let flat = Self.integerList(value), flat.count % 2 == 0 else {
      throw error("attribute '\(name)' is not a list of pairs")
    }
    return stride(from: 0, to: flat.count, by: 2).map { [flat[$0], flat[$0 + 1]] }
  }

  /// The fields of the structured attribute `name` of kind `kind` (`dot`, `gather`, `scatter`).
  func structured(_ name: String, kind: String) throws(ImportError) -> [NamedAttribute] {
    guard case .structured(let found, let fields) = try attribute(name), found == kind else {
      throw error("attribute '\(name)' is not a #stablehlo.\(kind)<…> attribute")
    }
    return fields
  }

  /// Integer list field `field` of a structured attribute; absent fields are empty lists.
  func integers(_ field: String, in fields: [NamedAttribute]) throws(ImportError) -> [Int] {
    guard let value = fields[field] else { return [] }
    if case .integer(let single) = value { return [single] }
    guard let list = Self.integerList(value) else {
      throw error("field '\(field)' is not a list of integers")
    }
    return list
  }

  /// Integer field `field` of a structured attribute; `defaultValue` when it is absent (MLIR
  /// leaves fields at their default value out, such as a gather's `index_vector_dim = 0`).
  func integer(_ field: String, in fields: [NamedAttribute], default defaultValue: Int? = nil)
    throws(ImportError) -> Int
  {
    if fields[field] == nil, let defaultValue { return defaultValue }
    guard case .integer(let value) = fields[field] else {
      throw error("missing integer field '\(field)'")
    }
    return value
  }

  /// The enumerator value of attribute `name` (`GT` for `#stablehlo<comparison_direction GT>`).
  func enumeration(_ name: String) throws(ImportError) -> String {
    switch try attribute(name) {
    case .enumeration(_, let value): return value
    case .string(let value): return value
    default: throw error("attribute '\(name)' is not an enumerator")
    }
  }

  /// An integer list from `[1, 2]`, `array<i64: 1, 2>` or `dense<[1, 2]> : tensor<2xi64>`.
  static func integerList(_ attribute: Attribute) -> [Int]? {
    switch attribute {
    case .array(let elements):
      var list: [Int] = []
      for element in elements {
        switch element {
        case .integer(let value): list.append(value)
        case .bool(let value): list.append(value ? 1 : 0)
        default: return nil
        }
      }
      return list
    case .dense(let elements, let type):
      guard case .tensor(let shape, let element) = type, let dtype = DType(rawValue: element),
        let constant = try? elements.constant(
          of: TensorType(shape, dtype), at: SourceLocation(line: 0, column: 0), op: nil)
      else { return nil }
      let count = shape.reduce(1, *)
      let values: [Double]
      switch constant {
      case .splat(let value): values = Array(repeating: value, count: count)
      case .dense(let list): values = list
      }
      guard values.allSatisfy({ $0.rounded() == $0 && abs($0) < 0x1p62 }) else { return nil }
      return values.map { Int($0) }
    default:
      return nil
    }
  }
}

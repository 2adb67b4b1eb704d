import ShardlineIR

/// The state of one import: the graph being built, the module's functions, the names given so
/// far and the calls being inlined.
final class Converter {
  /// The graph under construction; its phase and layer stay at their defaults, the importer
  /// assigns phases once the whole graph is known.
  let builder: GraphBuilder
  /// The module's functions, by symbol name.
  let functions: [String: Function]
  /// Functions being inlined, outermost first (to reject recursion).
  var callStack: [String] = []
  /// How many times each node name has been used.
  private var nameCounts: [String: Int] = [:]

  /// The most nodes an import may create (unrolled loops and inlined calls included).
  static let nodeLimit = 2_000_000

  init(name: String, functions: [Function]) {
    builder = GraphBuilder(name: name)
    var table: [String: Function] = [:]
    for function in functions where table[function.name] == nil { table[function.name] = function }
    self.functions = table
  }

  /// `base`, or `base#2`, `base#3`, … when it is taken.
  func uniqueName(_ base: String) -> String {
    let count = nameCounts[base, default: 0] + 1
    nameCounts[base] = count
    return count == 1 ? base : "\(base)#\(count)"
  }

  /// Adds one op to the graph, turning the IR's type errors into import errors at `location`.
  func emit(
    _ op: Op, _ operands: [Value], type: TensorType?, label: String, at location: SourceLocation,
    opName: String
  ) throws(ImportError) -> Value {
    guard builder.nodes.count < Self.nodeLimit else {
      throw ImportError(
        at: location, op: opName, "the graph would exceed \(Self.nodeLimit) nodes")
    }
    do {
      return try builder.emit(op, operands, type: type, label: uniqueName(label))
    } catch {
      let reason: String
      switch error {
      case .invalidOp(_, let kind, let why): reason = "\(kind): \(why)"
      default: reason = error.description
      }
      throw ImportError(at: location, op: opName, reason)
    }
  }

  /// The node holding `bound`, emitting a known value as a constant (or an iota) on first use.
  func materialize(_ bound: Bound, at location: SourceLocation, opName: String)
    throws(ImportError) -> Value
  {
    if let node = bound.node { return node }
    guard let known = bound.known else {
      throw ImportError(at: location, op: opName, "value has neither a node nor known elements")
    }
    let op: Op
    if case .dense(let values) = known, let first = values.first,
      values.allSatisfy({ $0 == first })
    {
      op = .constant(.splat(first))
    } else if let dimension = Self.iotaDimension(of: bound) {
      op = .iota(dimension: dimension)
    } else {
      op = .constant(known)
    }
    let node = try emit(op, [], type: bound.type, label: bound.label, at: location, opName: opName)
    bound.node = node
    return node
  }

  /// The dimension along which a dense known value counts 0, 1, 2, …, if it does.
  private static func iotaDimension(of bound: Bound) -> Int? {
    guard case .dense(let values) = bound.known, values.count > 1 else { return nil }
    let shape = bound.type.shape
    for dimension in shape.indices where shape[dimension] > 1 {
      let inner = shape[(dimension + 1)...].reduce(1, *)
      let size = shape[dimension]
      if values.indices.allSatisfy({ values[$0] == Double(($0 / inner) % size) }) {
        return dimension
      }
    }
    return nil
  }
}

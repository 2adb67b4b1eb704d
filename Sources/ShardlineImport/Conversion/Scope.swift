import ShardlineIR

/// A value an SSA name is bound to while converting: a graph node, or a constant the importer
/// knows (and emits as a node only when a graph op reads it).
///
/// Small integer values (loop counters, indices) are folded instead of emitted, so that while
/// loops can be unrolled and dynamic slices at known offsets become static ones.
final class Bound {
  /// The value's type.
  let type: TensorType
  /// Its elements, when known at import time.
  let known: ConstantValue?
  /// The node holding it, once there is one.
  var node: Value?
  /// The node name to use when a known value is emitted.
  let label: String

  /// A value computed by a graph node.
  init(node: Value) {
    type = node.type
    known = nil
    self.node = node
    label = ""
  }

  /// A value known at import time, emitted as a node named `label` on first use.
  init(known: ConstantValue, type: TensorType, label: String) {
    self.type = type
    self.known = known
    node = nil
    self.label = label
  }

  /// Element `index` (row-major) of a known value.
  func element(_ index: Int) -> Double? {
    switch known {
    case .splat(let value): value
    case .dense(let values): values.indices.contains(index) ? values[index] : nil
    case nil: nil
    }
  }

  /// All elements of a known value.
  var elements: [Double]? {
    switch known {
    case .splat(let value): Array(repeating: value, count: type.elementCount)
    case .dense(let values): values
    case nil: nil
    }
  }
}

/// The SSA names visible in a block: its own and, for regions, those of the enclosing blocks.
final class Scope {
  private let parent: Scope?
  private var bindings: [String: [Bound]] = [:]

  /// A scope nested in `parent`, or a function's top scope when `parent` is `nil`.
  init(parent: Scope? = nil) { self.parent = parent }

  /// Binds the results of one op (or one block argument) to `name`.
  func bind(_ name: String, _ values: [Bound]) { bindings[name] = values }

  /// The value a reference names, looking outwards through enclosing scopes.
  func lookup(_ reference: ValueReference) throws(ImportError) -> Bound {
    var scope: Scope? = self
    while let current = scope {
      if let results = current.bindings[reference.name] {
        let index = reference.result ?? 0
        guard results.indices.contains(index) else {
          throw ImportError(
            at: reference.location,
            "\(reference) refers to result \(index) of a value with \(results.count) result(s)")
        }
        return results[index]
      }
      scope = current.parent
    }
    throw ImportError(at: reference.location, "unknown value \(reference)")
  }
}

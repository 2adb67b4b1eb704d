/// The `#locN = loc(…)` aliases of a file, and the debug names that wait for them.
///
/// JAX prints the aliases after the module, so names are resolved once the file is read.
struct LocationTable {
  /// One piece of a `loc(…)` that may give a name.
  enum Part: Hashable {
    /// A quoted name that is not a file (`"jit(step)/add"`).
    case name(String)
    /// A reference to an alias (`#loc12`).
    case alias(String)
  }

  /// The most aliases followed to find one name.
  private static let maximumChain = 256

  /// Each alias's parts, by alias name (`#loc12`).
  var aliases: [String: [Part]] = [:]
  /// The parts of the locations waiting for aliases, by where their op or argument is written.
  var pending: [SourceLocation: [Part]] = [:]

  /// The first name `parts` give, following aliases depth-first; `nil` if they give none.
  func name(of parts: [Part]) -> String? {
    var visited: Set<String> = []
    return name(of: parts, visited: &visited)
  }

  private func name(of parts: [Part], visited: inout Set<String>) -> String? {
    for part in parts {
      switch part {
      case .name(let name):
        return name
      case .alias(let alias):
        guard visited.count < Self.maximumChain, visited.insert(alias).inserted,
          let aliased = aliases[alias], let name = name(of: aliased, visited: &visited)
        else { continue }
        return name
      }
    }
    return nil
  }

  /// Fills in the debug names of the ops and arguments in ``pending``.
  func resolveDebugNames(in module: inout Module) {
    guard !pending.isEmpty else { return }
    for index in module.functions.indices {
      resolveArguments(&module.functions[index].arguments)
      resolve(&module.functions[index].body)
    }
  }

  private func resolve(_ block: inout Block) {
    resolveArguments(&block.arguments)
    for index in block.operations.indices {
      if let parts = pending[block.operations[index].location] {
        block.operations[index].debugName = name(of: parts)
      }
      for region in block.operations[index].regions.indices {
        resolve(&block.operations[index].regions[region])
      }
    }
  }

  private func resolveArguments(_ arguments: inout [BlockArgument]) {
    for index in arguments.indices {
      if let parts = pending[arguments[index].location] {
        arguments[index].debugName = name(of: parts)
      }
    }
  }
}

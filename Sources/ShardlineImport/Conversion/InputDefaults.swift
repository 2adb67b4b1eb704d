import ShardlineIR

/// What the importer attaches to each input beyond its role: the parameter an optimizer-state
/// input belongs to, its slot, and an initializer for synthetic runs.
///
/// Real reference values come from files; initializers only matter when a graph is run from a
/// seed, so they aim to be plausible, not faithful.
enum InputDefaults {
  /// The parameter argument each optimizer-state argument belongs to.
  ///
  /// By name when both have key paths (the parameter's path after its name ends the state's:
  /// `['w1']` ends `[0].mu['w1']`); a named state no parameter's path ends belongs to none
  /// (Flax's batch-norm statistics, Adam's step count). Without names, the `j`-th state
  /// argument of a type belongs to the `j mod n`-th of the `n` parameters of that type (optax
  /// keeps its moments in parameter order); `nil` when no parameter has its type.
  static func owners(roles: [InputRole], types: [TensorType], paths: [KeyPath?]) -> [Int?] {
    let parameters = roles.indices.filter { roles[$0] == .parameter }
    var seenOfType: [TensorType: Int] = [:]
    return roles.indices.map { index -> Int? in
      guard roles[index] == .optimizerState else { return nil }
      let candidates = parameters.filter { types[$0] == types[index] }
      if candidates.isEmpty { return nil }
      if let path = paths[index] {
        let scored = candidates.compactMap { p -> (Int, Int)? in
          guard let own = paths[p] else { return nil }
          let length = own.matchLength(againstResult: path)
          return length > 0 ? (length, p) : nil
        }
        if let best = scored.max(by: { $0.0 < $1.0 }) { return best.1 }
        if candidates.allSatisfy({ paths[$0] != nil }) { return nil }
      }
      let position = seenOfType[types[index], default: 0]
      seenOfType[types[index]] = position + 1
      return candidates[position % candidates.count]
    }
  }

  /// The slot of an optimizer-state argument: what its key path adds to its parameter's
  /// (`mu` of `opt_state['mu']['w1']` for `params['w1']`; optax's `opt_state[0].mu['w1']` gives
  /// its last attribute, `mu`), or the path after the argument's name for state of no one
  /// parameter (`count` of `opt_state['count']`), else the leading name (`m` of `m['w1']`);
  /// `hyperparameter` for an argument no output replaces.
  static func slot(path: KeyPath?, ownerPath: KeyPath?, replaced: Bool) -> String? {
    guard replaced else { return "hyperparameter" }
    guard let path else { return nil }
    var own = path.tail
    if let ownerPath, own.count >= ownerPath.tail.count,
      Array(own.suffix(ownerPath.tail.count)) == ownerPath.tail
    {
      own.removeLast(ownerPath.tail.count)
    }
    if let field = own.last(where: { $0.hasPrefix(".") }) { return String(field.dropFirst()) }
    let readable = KeyPath(own.joined())?.readable ?? ""
    if !readable.isEmpty { return readable }
    return path.hasLeadingName ? path.components.first : nil
  }

  /// An initializer for an input.
  ///
  /// Parameters of rank ≥ 2 draw `normal(0.02)`; vectors are ones when named like a scale,
  /// else zeros. Optimizer state is zeros; a hyperparameter is `1e-3` (a learning rate).
  /// Floating-point batch data draws `normal(1)`; integer batch data draws integers below the
  /// bound ``integerBound(of:in:users:)`` finds (2 when none).
  static func initializer(
    role: InputRole, replaced: Bool, node: NodeID, name: String, graph: Graph, users: [[NodeID]]
  ) -> Initializer {
    let type = graph[node].type
    switch role {
    case .parameter:
      if type.rank >= 2 { return .normal(stddev: 0.02) }
      return name.lowercased().contains("scale") ? .constant(1) : .zeros
    case .optimizerState:
      return replaced || !type.dtype.isFloatingPoint ? .zeros : .constant(1e-3)
    case .batch:
      if type.dtype.isFloatingPoint { return .normal(stddev: 1) }
      if type.dtype == .i1 { return .integers(upperBound: 2) }
      return .integers(upperBound: integerBound(of: node, in: graph, users: users) ?? 2)
    }
  }

  /// The smallest bound an integer input's uses imply: the size of the table it gathers from,
  /// or of the `iota` it is compared with (one-hot labels), looking through reshapes, converts,
  /// broadcasts and transposes.
  static func integerBound(of node: NodeID, in graph: Graph, users: [[NodeID]]) -> Int? {
    var bound: Int?
    var stack = [node]
    var seen = Set<NodeID>()
    func note(_ value: Int) { bound = min(bound ?? value, value) }
    while let value = stack.popLast() {
      guard seen.insert(value).inserted, users.indices.contains(value.rawValue) else { continue }
      for user in users[value.rawValue] {
        let reader = graph[user]
        switch reader.op {
        case .reshape, .convert, .broadcastInDim, .transpose:
          stack.append(user)
        case .gather(let numbers) where reader.operands.count == 2 && reader.operands[1] == value:
          let table = graph[reader.operands[0]].type.shape
          for d in numbers.startIndexMap where table.indices.contains(d) { note(table[d]) }
        case .compare:
          for other in reader.operands where other != value {
            if let size = iotaSize(other, in: graph) { note(size) }
          }
        default: break
        }
      }
    }
    return bound
  }

  /// The length of the iota a value is (possibly broadcast).
  private static func iotaSize(_ node: NodeID, in graph: Graph) -> Int? {
    let current = graph[node]
    switch current.op {
    case .iota(let dimension):
      return current.type.shape.indices.contains(dimension) ? current.type.shape[dimension] : nil
    case .broadcastInDim:
      return current.operands.first.flatMap { iotaSize($0, in: graph) }
    default:
      return nil
    }
  }
}

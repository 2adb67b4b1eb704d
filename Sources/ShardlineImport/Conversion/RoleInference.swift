import ShardlineIR

/// Guessing what each argument and result of an imported training step is.
///
/// The rules, in order:
/// 1. **Pairing by name.** A result replaces an argument of the same type when the argument's
///    key path after its name (`['w1']` of `params['w1']`) ends the result's path after
///    `result` (`[1]['w1']` of `result[1]['w1']`); longer matches win, then arguments the result
///    is computed from element-wise (see ``pairByName(excluding:)``).
/// 2. **The loss** is ``ImportOptions/lossResult``, else the first unpaired scalar floating-point
///    result that depends on a batch-like argument (a forced batch argument, else any unpaired
///    argument of rank ≥ 1). `jax.value_and_grad` returns it first. A function without one (an
///    inference function) imports forward-only: every argument is batch data (unless forced to
///    be a parameter) and every result a plain value.
/// 3. **Pairing by order.** Every other unpaired result replaces the first unpaired argument of
///    its type from which it is computed through element-wise ops only (`p − lr·g` from `p`,
///    `β·m + (1−β)·g` from `m`), or which it returns unchanged. Returned gradients are not
///    element-wise in the parameters and stay plain values.
/// 4. **Roles.** Forward = the loss and its ancestors. A replaced argument the forward reads is
///    a parameter; one it does not read is optimizer state; an argument not replaced but read by
///    the forward is batch data. An argument neither replaced nor read by the forward (a
///    learning rate passed in) is optimizer state with slot `hyperparameter`: it is per-iteration
///    data like the optimizer's, never split into microbatches, and validation allows
///    optimizer state that no output replaces. The options' lists override all of this.
///
/// The rules are heuristics: a step that returns its gradients next to updated parameters of
/// the same types may pair wrongly without debug names, and a scalar parameter updated before
/// the loss is returned could be taken for the loss; the options fix both.
struct RoleInference {
  /// The built graph (inputs and outputs not yet assigned).
  let graph: Graph
  /// `main`'s argument nodes, in order.
  let arguments: [NodeID]
  /// Their key paths, when the text names them.
  let argumentPaths: [KeyPath?]
  /// `main`'s result nodes, in order.
  let results: [NodeID]
  /// Their key paths from `jax.result_info`, when present.
  let resultPaths: [KeyPath?]
  /// The overrides.
  let options: ImportOptions
  /// Where `main` is written, for errors.
  let location: SourceLocation

  /// The inferred roles.
  struct Roles {
    /// Each argument's role.
    var roles: [InputRole]
    /// For each result, the argument index it replaces.
    var replaces: [Int?]
    /// The loss result's index; `nil` for a function without one.
    var loss: Int?
  }

  /// Infers the roles.
  func infer() throws(ImportError) -> Roles {
    let forcedBatch = Set(options.batchArguments ?? [])
    let forcedParameter = Set(options.parameterArguments ?? [])
    for index in forcedBatch.union(forcedParameter) where !arguments.indices.contains(index) {
      throw ImportError(at: location, "argument index \(index) out of range")
    }
    if let both = forcedBatch.intersection(forcedParameter).min() {
      throw ImportError(at: location, "argument \(both) is forced to be both batch and parameter")
    }
    var replaces = pairByName(excluding: forcedBatch)
    guard let loss = try findLoss(replaces: replaces, forcedBatch: forcedBatch) else {
      let roles = arguments.indices.map {
        forcedParameter.contains($0) ? InputRole.parameter : .batch
      }
      return Roles(roles: roles, replaces: Array(repeating: nil, count: results.count), loss: nil)
    }
    replaces[loss] = nil
    pairByOrder(&replaces, loss: loss, excluding: forcedBatch)
    let forward = graph.ancestors(of: results[loss])
    let replaced = Set(replaces.compactMap { $0 })
    let roles = arguments.indices.map { index -> InputRole in
      if forcedParameter.contains(index) { return .parameter }
      if forcedBatch.contains(index) { return .batch }
      let read = forward[arguments[index].rawValue]
      if replaced.contains(index) { return read ? .parameter : .optimizerState }
      return read ? .batch : .optimizerState
    }
    return Roles(roles: roles, replaces: replaces, loss: loss)
  }

  private func sameType(_ result: Int, _ argument: Int) -> Bool {
    graph[results[result]].type == graph[arguments[argument]].type
  }

  /// Rule 1: name matches, scored by match length and then by whether the result is computed
  /// element-wise from the argument. Results are settled best score first and, among equal
  /// scores, those with the fewest equally good arguments first — so `result[1]['w1']` finds
  /// `params['w1']` even though `m['w1']` and `v['w1']` match its name as well, once the moments'
  /// own results have claimed them.
  private func pairByName(excluding forced: Set<Int>) -> [Int?] {
    let options = resultPaths.indices.map { r -> [(score: Int, argument: Int)] in
      guard let resultPath = resultPaths[r] else { return [] }
      var sources: Set<NodeID>?
      var found: [(score: Int, argument: Int)] = []
      for (a, argumentPath) in argumentPaths.enumerated() where !forced.contains(a) {
        guard let argumentPath, sameType(r, a) else { continue }
        let length = argumentPath.matchLength(againstResult: resultPath)
        guard length > 0 else { continue }
        let elementwise = sources ?? Set(graph.elementwiseSources(of: results[r]))
        sources = elementwise
        found.append((2 * length + (elementwise.contains(arguments[a]) ? 1 : 0), a))
      }
      return found
    }
    var replaces = [Int?](repeating: nil, count: results.count)
    var taken = Set<Int>()
    while true {
      var best: (score: Int, ties: Int, result: Int, argument: Int)?
      for r in results.indices where replaces[r] == nil {
        let open = options[r].filter { !taken.contains($0.argument) }
        guard let top = open.map(\.score).max() else { continue }
        let tops = open.filter { $0.score == top }.map(\.argument)
        guard let argument = tops.min() else { continue }
        if let current = best,
          (current.score, -current.ties, -current.result) >= (top, -tops.count, -r)
        {
          continue
        }
        best = (top, tops.count, r, argument)
      }
      guard let best else { break }
      replaces[best.result] = best.argument
      taken.insert(best.argument)
    }
    return replaces
  }

  /// Rule 2.
  private func findLoss(replaces: [Int?], forcedBatch: Set<Int>) throws(ImportError) -> Int? {
    if let forced = options.lossResult {
      guard results.indices.contains(forced), graph[results[forced]].type.rank == 0 else {
        throw ImportError(at: location, "result \(forced) is not a scalar result")
      }
      return forced
    }
    let named = Set(replaces.compactMap { $0 })
    let batchLike = Set(
      forcedBatch.isEmpty
        ? arguments.indices.filter { !named.contains($0) && graph[arguments[$0]].type.rank > 0 }
        : Array(forcedBatch)
    ).map { arguments[$0] }
    for (index, node) in results.enumerated() where replaces[index] == nil {
      let type = graph[node].type
      guard type.rank == 0, type.dtype.isFloatingPoint else { continue }
      let ancestors = graph.ancestors(of: node)
      if batchLike.contains(where: { ancestors[$0.rawValue] }) { return index }
    }
    return nil
  }

  /// Rule 3.
  private func pairByOrder(_ replaces: inout [Int?], loss: Int, excluding forced: Set<Int>) {
    var taken = Set(replaces.compactMap { $0 }).union(forced)
    let argumentIndex = Dictionary(
      arguments.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    for (r, node) in results.enumerated() where r != loss && replaces[r] == nil {
      let sources = graph.elementwiseSources(of: node)
      let match = sources.compactMap { argumentIndex[$0] }.sorted().first {
        !taken.contains($0) && sameType(r, $0)
      }
      if let match {
        replaces[r] = match
        taken.insert(match)
      }
    }
  }
}

extension Graph {
  /// Whether each node is `node` or one of its ancestors.
  func ancestors(of node: NodeID) -> [Bool] {
    var marked = [Bool](repeating: false, count: nodes.count)
    var stack = [node]
    while let next = stack.popLast() {
      guard nodes.indices.contains(next.rawValue), !marked[next.rawValue] else { continue }
      marked[next.rawValue] = true
      stack += self[next].operands
    }
    return marked
  }

  /// The `parameter` nodes `node` is computed from through element-wise ops only (`node` itself
  /// when it is one).
  func elementwiseSources(of node: NodeID) -> [NodeID] {
    var seen = Set<NodeID>()
    var sources: [NodeID] = []
    var stack = [node]
    while let next = stack.popLast() {
      guard nodes.indices.contains(next.rawValue), seen.insert(next).inserted else { continue }
      let current = self[next]
      if current.op == .parameter {
        sources.append(next)
      } else if current.op.isElementwise {
        stack += current.operands
      }
    }
    return sources
  }
}

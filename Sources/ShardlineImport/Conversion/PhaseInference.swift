import ShardlineIR

/// Assigning phases and `differentiates` to an imported training step, whose ops come without
/// them.
///
/// The planner and runtime run forward and backward ops once per microbatch, accumulate every
/// value crossing from them into the update, and run update ops once per iteration. The rules:
/// - **forward** = the loss and its ancestors.
/// - **update** starts from the ops on an element-wise path (element-wise ops and broadcasts of
///   scalars) from a parameter or optimizer-state input to an output that replaces an input
///   (`p − lr·g`, `β·m + (1−β)·g`, `count + 1`); then every non-forward op reading an update
///   value; then, working back from the update, every non-forward op all of whose readers are
///   update ops and which is element-wise, a scalar broadcast, or independent of the batch (the
///   learning rate, `(1−β)·g`, Adam's `g²`).
/// - **backward** = every other op.
///
/// A backward op *differentiates* its forward operand with the largest id when it reads one,
/// else the smallest `differentiates` among its backward operands; ops reading neither
/// (constants) get `nil`.
///
/// - A global statistic of the gradients (clipping by global norm) joins the update with the
///   ops that compute it from the gradients (``pullGlobalStatistics(into:graph:candidate:forward:batch:)``).
///
/// Where this can be wrong: update ops are exact only for values that are linear in the
/// microbatch gradients or computed inside the update; a nonlinear function of gradients that
/// is neither element-wise into the update nor a scalar statistic (a per-tensor norm kept as a
/// tensor) stays in backward and is averaged over the microbatches. Metrics computed from the
/// batch but not part of the loss count as backward.
enum PhaseInference {
  /// Sets every node's phase and `differentiates` from the graph's roles.
  static func assign(_ graph: inout Graph) {
    let count = graph.nodes.count
    let users = graph.users()
    let forward = graph.loss.map { graph.ancestors(of: $0) } ?? Array(repeating: true, count: count)
    var persistent = [Bool](repeating: false, count: count)
    var batch = [Bool](repeating: false, count: count)
    for input in graph.inputs {
      persistent[input.node.rawValue] = input.role != .batch
      batch[input.node.rawValue] = input.role == .batch
    }
    for node in graph.nodes where !batch[node.id.rawValue] {
      batch[node.id.rawValue] = node.operands.contains { batch[$0.rawValue] }
    }
    let isPath = graph.nodes.map { isElementwisePath($0, in: graph) }
    let candidate = graph.nodes.map { !forward[$0.id.rawValue] && $0.op != .parameter }

    var fromState = [Bool](repeating: false, count: count)
    for node in graph.nodes where candidate[node.id.rawValue] && isPath[node.id.rawValue] {
      fromState[node.id.rawValue] = node.operands.contains {
        persistent[$0.rawValue] || fromState[$0.rawValue]
      }
    }
    var toUpdate = [Bool](repeating: false, count: count)
    for output in graph.outputs where output.replaces != nil {
      toUpdate[output.node.rawValue] = true
    }
    for node in graph.nodes.reversed() where !toUpdate[node.id.rawValue] {
      toUpdate[node.id.rawValue] = users[node.id.rawValue].contains {
        toUpdate[$0.rawValue] && isPath[$0.rawValue]
      }
    }
    var update = (0..<count).map { fromState[$0] && toUpdate[$0] }
    pullGlobalStatistics(
      into: &update, graph: graph, candidate: candidate, forward: forward, batch: batch)
    for node in graph.nodes where candidate[node.id.rawValue] && !update[node.id.rawValue] {
      update[node.id.rawValue] = node.operands.contains { update[$0.rawValue] }
    }
    for node in graph.nodes.reversed()
    where candidate[node.id.rawValue] && !update[node.id.rawValue] {
      let readers = users[node.id.rawValue]
      update[node.id.rawValue] =
        !readers.isEmpty && readers.allSatisfy { update[$0.rawValue] }
        && (isPath[node.id.rawValue] || !batch[node.id.rawValue])
    }

    for index in graph.nodes.indices {
      let node = graph.nodes[index]
      let phase: Phase =
        forward[index] ? .forward : update[index] || node.op == .parameter ? .update : .backward
      graph.nodes[index].phase = phase
      guard phase == .backward else { continue }
      let forwardOperands = node.operands.filter { forward[$0.rawValue] }
      graph.nodes[index].differentiates =
        forwardOperands.max()
        ?? node.operands.compactMap { graph.nodes[$0.rawValue].differentiates }.min()
    }
  }

  /// Moves into the update what a global statistic of the gradients needs (clipping by global
  /// norm: `Σ sum(g²)`), so that it sees the gradients summed over the microbatches instead of
  /// being averaged per microbatch.
  ///
  /// Its seeds are batch-dependent scalars outside the forward pass (backpropagation proper
  /// carries tensors; a batch-dependent scalar after it is a statistic of the gradients). From
  /// each, the walk goes back through its operands, taking ops outside the forward pass that
  /// read no batch-dependent forward value, and stopping at the gradients themselves: values
  /// of a parameter's type that are not element-wise (a `dot_general`, a `reduce`, a
  /// `transpose`), which stay in backward and are what crosses into the update.
  private static func pullGlobalStatistics(
    into update: inout [Bool], graph: Graph, candidate: [Bool], forward: [Bool], batch: [Bool]
  ) {
    let parameterTypes = Set(graph.inputs(.parameter).map { graph[$0.node].type })
    var stack = graph.nodes.filter {
      candidate[$0.id.rawValue] && batch[$0.id.rawValue] && $0.type.rank == 0
        && !update[$0.id.rawValue]
    }.map(\.id)
    while let id = stack.popLast() {
      let node = graph[id]
      guard candidate[id.rawValue], batch[id.rawValue], !update[id.rawValue] else { continue }
      let readsActivations = node.operands.contains { forward[$0.rawValue] && batch[$0.rawValue] }
      let isGradient = parameterTypes.contains(node.type) && !node.op.isElementwise
      if readsActivations || isGradient { continue }
      update[id.rawValue] = true
      stack.append(contentsOf: node.operands)
    }
  }

  /// Whether update paths pass through the node: element-wise ops and broadcasts of scalars.
  private static func isElementwisePath(_ node: Node, in graph: Graph) -> Bool {
    if node.op.isElementwise { return true }
    if case .broadcastInDim = node.op, let operand = node.operands.first {
      return graph[operand].type.rank == 0
    }
    return false
  }
}

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
/// Where this can be wrong: update ops are exact only for values that are linear in the
/// microbatch gradients or computed inside the update. Gradient clipping by global norm lands
/// its squared-norm reductions in backward, so they are averaged over microbatches — exact only
/// with one microbatch. Metrics computed from the batch but not part of the loss count as
/// backward.
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

  /// Whether update paths pass through the node: element-wise ops and broadcasts of scalars.
  private static func isElementwisePath(_ node: Node, in graph: Graph) -> Bool {
    if node.op.isElementwise { return true }
    if case .broadcastInDim = node.op, let operand = node.operands.first {
      return graph[operand].type.rank == 0
    }
    return false
  }
}

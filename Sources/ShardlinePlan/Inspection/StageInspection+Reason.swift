import Foundation
import ShardlineIR

/// Why an op of a stage has the strategy it has, in one line.
extension StageInspection {
  /// Why op `node`'s chosen strategy won, in one line:
  ///
  /// - `pinned` when the plan pins it;
  /// - `follows its leader block3/mlp/fc1` for a follower, whose leader operand decides;
  /// - `only strategy` when it could take no other;
  /// - `chosen: 1.23 ms less than the runner-up SR = SR × RR` when it is the cheapest with the
  ///   rest of the stage fixed (`chosen: costs the same as …` on a tie);
  /// - `locally 0.40 ms dearer than RS1 = RR × RS1; chosen for the stage as a whole (…)` when
  ///   another strategy would be cheaper if this op alone switched: the ILP decides the op
  ///   together with the ops that follow it, under the stage's memory budget, and the planner
  ///   solves each layer on its own before the layers are put together.
  ///
  /// Costs are compared as the ILP weighed them (``OperatorAlternative/objectiveSeconds``).
  ///
  /// - Parameter node: An operator's node in the whole graph.
  public func reason(for node: NodeID) -> String {
    guard let local = sliceNode(ofOperator: node), let index = operatorIndex[node] else {
      return "not an op of stage \(stage)"
    }
    if operators[index].isPinned { return "pinned" }
    if let leader = leaderOperand(of: local) {
      return "follows its leader \(leaderName(context.graph[local].operands[leader]))"
    }
    let alternatives = alternatives(for: node)
    guard let chosen = alternatives.first(where: \.isChosen),
      let rival = alternatives.first(where: { !$0.isChosen })
    else {
      return "only strategy"
    }
    let margin = rival.objectiveSeconds - chosen.objectiveSeconds
    let scale = max(abs(chosen.objectiveSeconds), abs(rival.objectiveSeconds))
    if abs(margin) <= 1e-9 * scale {
      return "chosen: costs the same as \(rival.strategy)"
    }
    if margin > 0 {
      return "chosen: \(Self.duration(margin)) less than the runner-up \(rival.strategy)"
    }
    return "locally \(Self.duration(-margin)) dearer than \(rival.strategy); chosen for the stage "
      + "as a whole (decided with its followers and the memory budget)"
  }

  /// The name of slice node `leader`; a value from another stage is named as the whole graph
  /// names it.
  private func leaderName(_ leader: NodeID) -> String {
    let name = context.graph[leader].name
    let prefix = "boundary/"
    guard slice.boundaryInputs.contains(leader), name.hasPrefix(prefix) else { return name }
    return "\(name.dropFirst(prefix.count)) (from another stage)"
  }

  /// `1.23 s`, `1.23 ms`, `12.3 µs` or `45.6 ns`, independent of locale.
  private static func duration(_ seconds: Double) -> String {
    if seconds >= 1 { return String(format: "%.2f s", seconds) }
    if seconds >= 1e-3 { return String(format: "%.2f ms", seconds * 1e3) }
    if seconds >= 1e-6 { return String(format: "%.1f µs", seconds * 1e6) }
    return String(format: "%.1f ns", seconds * 1e9)
  }
}

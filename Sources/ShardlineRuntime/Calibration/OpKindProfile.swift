import Foundation
import ShardlineCost
import ShardlineIR
import ShardlineInterpreter

/// Where a graph's time goes on one CPU thread, by op kind: the interpreter's measured time
/// next to the cost model's estimate, to show which kinds of op the model misprices.
public struct OpKindTime: Sendable, Hashable {
  /// The op kind (`dot_general`, `add`, `transpose`, …).
  public var kind: String
  /// Ops of this kind in the graph.
  public var count: Int
  /// Measured seconds of all of them, evaluated one by one, each the best of a few runs.
  public var measuredSeconds: Double
  /// The cost model's seconds for all of them.
  public var estimatedSeconds: Double
}

/// Times every op of a graph through the interpreter's kernels, as a CPU device runs them.
public enum OpKindProfile {
  /// Evaluates `graph` on `inputs`, op by op on this thread, and sums measured and estimated
  /// times per op kind, largest measured first.
  ///
  /// Each op is evaluated `runs` times and its best time kept, so that time the thread spends
  /// preempted by other programs on a busy machine mostly drops out.
  ///
  /// - Precondition: `graph` is well-typed, `inputs` has one tensor per graph input, and
  ///   `runs` is positive.
  public static func measure(
    _ graph: Graph, inputs: [HostTensor], model: ComputeCostModel, runs: Int = 3
  ) -> [OpKindTime] {
    precondition(runs > 0, "at least one run per op")
    precondition(inputs.count == graph.inputs.count, "one tensor per graph input")
    let seconds = OpKindProbe.opSeconds(graph, inputs: inputs, runs: runs)
    var byKind: [String: OpKindTime] = [:]
    for node in graph.nodes where node.op != .parameter {
      let kind = node.op.kindName
      var entry =
        byKind[kind]
        ?? OpKindTime(kind: kind, count: 0, measuredSeconds: 0, estimatedSeconds: 0)
      entry.count += 1
      entry.measuredSeconds += seconds[node.id.rawValue]
      entry.estimatedSeconds += model.time(of: node.id, in: graph).seconds
      byKind[kind] = entry
    }
    return byKind.values.sorted { $0.measuredSeconds > $1.measuredSeconds }
  }
}

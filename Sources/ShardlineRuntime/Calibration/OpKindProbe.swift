import Foundation
import ShardlineCost
import ShardlineIR
import ShardlineInterpreter

/// A training step whose ops ``Calibrator`` times by kind: what the `cpu` profile's per-kind
/// rates are measured on.
public struct CalibrationWorkload: Sendable {
  /// A short name for progress lines (`gpt h=192`).
  public var name: String
  /// One microbatch's training step.
  public var graph: Graph

  /// Creates a workload.
  public init(name: String, graph: Graph) {
    self.name = name
    self.graph = graph
  }
}

/// How fast one device thread gets through one kind of op while every core runs one.
public struct OpKindRate: Sendable, Hashable, Codable {
  /// The op kind (`reduce_max`, `tanh`).
  public var kind: String
  /// Ops of this kind timed, over all workloads.
  public var ops: Int
  /// Elements read plus written by those ops (``ComputeCostModel/elements(of:in:)``).
  public var elements: Double
  /// Their measured seconds on one thread, each op the best of a few runs.
  public var seconds: Double

  /// Creates a rate; units are in the names.
  public init(kind: String, ops: Int, elements: Double, seconds: Double) {
    self.kind = kind
    self.ops = ops
    self.elements = elements
    self.seconds = seconds
  }

  /// Elements per second.
  public var elementsPerSecond: Double { elements / seconds }
}

/// Times every op of real training steps through the interpreter's kernels on `threads`
/// threads at once (each evaluating its own copy, as the devices of a plan do), and sums
/// elements and seconds per op kind.
///
/// Matrix products and convolutions are left out: their rate is the fitted matmul curve's.
/// The runtime's fixed cost per instruction is left out too (the per-op overhead prices it).
enum OpKindProbe {
  /// The op kinds the per-kind rates never cover.
  static let excludedKinds: Set<String> = ["parameter", "dot_general", "convolution"]

  /// Per-kind totals of all `workloads`, sorted by kind; the seconds are the mean over threads.
  static func measure(_ workloads: [CalibrationWorkload], threads: Int, runs: Int) -> [OpKindRate] {
    var totals: [String: OpKindRate] = [:]
    for workload in workloads {
      let graph = workload.graph
      let inputs = HostTensor.initialInputs(for: graph, seed: 7)
      let perThread = ConcurrentTimings(threads: threads)
      let workers = (0..<threads).map { thread in
        Thread {
          perThread.record(thread, Self.opSeconds(graph, inputs: inputs, runs: runs))
        }
      }
      for worker in workers { worker.start() }
      let seconds = perThread.wait()
      for node in graph.nodes where !excludedKinds.contains(node.op.kindName) {
        let kind = node.op.kindName
        var entry = totals[kind] ?? OpKindRate(kind: kind, ops: 0, elements: 0, seconds: 0)
        entry.ops += 1
        entry.elements += ComputeCostModel.elements(of: node.id, in: graph)
        entry.seconds += seconds[node.id.rawValue]
        totals[kind] = entry
      }
    }
    return totals.values.filter { $0.seconds > 0 && $0.elements > 0 }.sorted { $0.kind < $1.kind }
  }

  /// Seconds of every node of `graph` (0 for parameters), each the best of `runs` evaluations.
  static func opSeconds(_ graph: Graph, inputs: [HostTensor], runs: Int) -> [Double] {
    var values = [HostTensor?](repeating: nil, count: graph.nodes.count)
    for (input, tensor) in zip(graph.inputs, inputs) { values[input.node.rawValue] = tensor }
    var seconds = [Double](repeating: 0, count: graph.nodes.count)
    for node in graph.nodes where node.op != .parameter {
      let operands = node.operands.compactMap { values[$0.rawValue] }
      var best = Double.infinity
      for _ in 0..<max(runs, 1) {
        let start = DispatchTime.now().uptimeNanoseconds
        values[node.id.rawValue] = Interpreter.evaluate(node, operands: operands)
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      }
      seconds[node.id.rawValue] = best
    }
    return seconds
  }
}

/// Per-thread op timings, handed from worker threads to the waiting caller.
private final class ConcurrentTimings: @unchecked Sendable {
  private let condition = NSCondition()
  private var results: [[Double]?]

  init(threads: Int) { results = Array(repeating: nil, count: threads) }

  func record(_ thread: Int, _ seconds: [Double]) {
    condition.lock()
    results[thread] = seconds
    condition.broadcast()
    condition.unlock()
  }

  /// Blocks until every thread has recorded, then returns the mean seconds per node.
  func wait() -> [Double] {
    condition.lock()
    while results.contains(where: { $0 == nil }) { condition.wait() }
    let all = results.compactMap { $0 }
    condition.unlock()
    guard let first = all.first else { return [] }
    return first.indices.map { index in all.reduce(0) { $0 + $1[index] } / Double(all.count) }
  }
}

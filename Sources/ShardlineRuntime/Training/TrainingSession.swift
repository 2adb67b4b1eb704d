import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlinePlan

/// Training steps of a plan, one after another, on fresh CPU devices: the parameters are drawn
/// from a seed with the model's initializers, the batches come from the ``TrainingData``, and
/// each step's updated parameters and optimizer state become the next step's inputs.
///
/// Shared by `shardline run` and the explorer's Run view.
public struct TrainingSession: Sendable {
  /// The plan's pipeline.
  public let pipeline: PlanRun
  /// The inputs of the next step, for the whole batch (with a corpus, its next batch).
  public private(set) var inputs: [HostTensor]
  /// Steps run so far.
  public private(set) var stepsRun = 0
  /// For checking that a failure ends a step with a clear error: device `d` fails at its `n`-th
  /// backend call (from 0) of every step (see ``CPUBackend/init(devices:injectedFailures:)``).
  public var injectedFailures: [DeviceID: Int] = [:]
  /// The input each output replaces (an updated parameter or optimizer state), by output.
  private let feedback: [Int?]
  /// What fills the batch inputs for each step; `nil` keeps the synthetic batch.
  private var corpusFeed: CorpusFeed?

  /// A session of `plan` over `graph` (its per-microbatch graph), with inputs drawn from
  /// `seed` for `wholeGraph` (the same model at one microbatch: the whole batch), and batches
  /// from `data`.
  ///
  /// - Throws: ``PlanRunError`` when the plan cannot run as a pipeline,
  ///   ``PlanRunError/hostMemory(_:availableBytes:)`` when a step would not fit in this
  ///   machine's memory (see ``RunFootprint``: estimated from the plan before lowering, then
  ///   counted from the lowered programs before any tensor is allocated), or
  ///   ``PlanRunError/invalidInput(reason:)`` when a corpus does not fit the model.
  ///
  /// - Parameter availableBytes: The host memory a step may take.
  public init(
    plan: Plan, graph: Graph, wholeGraph: Graph, seed: UInt64, data: TrainingData = .synthetic,
    availableBytes: Double = RunFootprint.availableBytes
  ) throws(PlanRunError) {
    switch data {
    case .synthetic:
      corpusFeed = nil
    case .corpus(let corpus):
      corpusFeed = try CorpusFeed(corpus: corpus, graph: wholeGraph, seed: seed)
    }
    if let estimate = try? PlanEvaluator(graph: graph).evaluate(plan) {
      let footprint = RunFootprint(plan: plan, estimate: estimate, wholeGraph: wholeGraph)
      guard footprint.totalBytes <= availableBytes else {
        throw .hostMemory(footprint, availableBytes: availableBytes)
      }
    }
    pipeline = try PlanRun(plan: plan, graph: graph)
    let lowered = RunFootprint(pipeline: pipeline, wholeGraph: wholeGraph)
    guard lowered.totalBytes <= availableBytes else {
      throw .hostMemory(lowered, availableBytes: availableBytes)
    }
    inputs = HostTensor.initialInputs(
      for: wholeGraph, seed: seed,
      batchDraws: Self.isOneMicrobatch(wholeGraph, of: graph) ? plan.microbatches : 1)
    corpusFeed?.fill(&inputs)
    let positions = Dictionary(
      graph.inputs.enumerated().map { ($1.node, $0) }, uniquingKeysWith: { first, _ in first })
    feedback = graph.outputs.map { output in output.replaces.flatMap { positions[$0] } }
  }

  /// Runs one step on new CPU devices, one per device of the plan, and feeds its updated
  /// tensors into the next step. Blocks the calling thread until the step ends (the devices
  /// are threads of their own): call it from a command or a thread of its own, not from
  /// Swift's cooperative pool.
  ///
  /// - Throws: The ``PlanRunError`` or ``RuntimeError`` that stopped the step; the inputs
  ///   are then unchanged.
  public mutating func runStep(options: ExecutionOptions = ExecutionOptions()) throws
    -> PlanRunResult
  {
    let pipeline = pipeline
    let stepInputs = inputs
    let backend = CPUBackend(devices: pipeline.devices, injectedFailures: injectedFailures)
    let result = try waitOnThisThread {
      try await pipeline.run(inputs: stepInputs, on: backend, options: options)
    }
    for (position, tensor) in zip(feedback, result.outputs) {
      if let position { inputs[position] = tensor }
    }
    corpusFeed?.fill(&inputs)
    stepsRun += 1
    return result
  }

  /// Whether `wholeGraph`'s batch inputs are `graph`'s own size: a graph file is one microbatch
  /// of the iteration, whose batch is then drawn once per microbatch.
  private static func isOneMicrobatch(_ wholeGraph: Graph, of graph: Graph) -> Bool {
    let batch = { (graph: Graph) in graph.inputs(.batch).map { graph[$0.node].type } }
    return batch(wholeGraph) == batch(graph)
  }
}

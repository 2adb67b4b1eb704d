import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner
import ShardlineSharding

/// Random valid plans of tiny models on one host of up to 8 devices: planned by the planner in
/// a random corner of the search space (stage count, submesh shapes, intra-op mode,
/// microbatches), then edited at random the way a person does in the explorer (boundary moves,
/// logical shapes, pinned strategies, the schedule), keeping each edit the evaluator accepts.
struct RandomPlan: Sendable, CustomStringConvertible {
  /// The model as planned.
  let source: ModelSource
  /// The plan after the edits.
  let plan: Plan
  /// What was drawn and each edit kept, for the failure message.
  let history: [String]

  var description: String { history.joined(separator: "; ") }

  /// A random plan of zoo preset `preset` (with `overrides`, trained with `optimizer`) drawn
  /// from `seed`.
  ///
  /// - Parameter edits: How many random edits to try.
  /// - Parameter maximumMicrobatches: The most microbatches to draw: 1 for a model with batch
  ///   norm, whose statistics over a microbatch differ from the whole batch's.
  init(
    _ preset: String, overrides: ModelOverrides = ModelOverrides(), optimizer: Optimizer,
    maximumMicrobatches: Int = 4, seed: UInt64, edits: Int = 6
  ) throws {
    // Each model draws its own sequence from the same seeds.
    let salt = preset.utf8.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) }
    var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ salt)
    let model = try ModelZoo.preset(named: preset).applying(overrides)
    source = ModelSource.zoo(
      name: model.name, config: model.model, training: model.trainingOptions(optimizer: optimizer))
    let devices = [2, 4, 8].randomElement(using: &random)!
    let cluster = ClusterSpec.preset(named: "p3.16xlarge", hostCount: 1)!
    let batch = model.model.batch
    let microbatches = (1...batch).filter { batch % $0 == 0 && $0 <= maximumMicrobatches }
      .randomElement(using: &random)!
    let stageCount = Int.random(in: 1...min(3, devices), using: &random)
    // Submesh sizes that tile the devices in `stageCount` parts: halve a random part until
    // there are enough.
    var parts = [devices]
    while parts.count < stageCount {
      let index = parts.indices.filter { parts[$0] > 1 }.randomElement(using: &random)!
      parts[index] /= 2
      parts.insert(parts[index], at: index)
    }
    let sizes = Set(parts).sorted()
    let mode = [ShardingMode.auto, .shardedState, .zero2, .megatron].randomElement(using: &random)!
    var history = [
      "\(preset) seed \(seed): \(stageCount) stage(s) over \(devices) devices of sizes "
        + "\(sizes), \(mode), \(microbatches) microbatch(es)"
    ]
    let planner = Planner(
      options: PlannerOptions(microbatches: .count(microbatches)), cacheDirectory: nil)
    let space = SearchSpace(
      submeshes: sizes.map { SubmeshShape(hostCount: 1, devicesPerHost: $0) },
      modes: [mode, .auto], stageCounts: stageCount...stageCount)
    var plan = try planner.plan(source, on: Self.cluster(cluster, devices: devices), space: space)
    let evaluator = PlanEvaluator(graph: try source.microbatchGraph(microbatches: microbatches))
    for _ in 0..<edits {
      guard let edit = try Self.randomEdit(of: plan, evaluator: evaluator, using: &random),
        let edited = try? plan.applying(edit, evaluator: evaluator),
        (try? evaluator.evaluate(edited))?.isValid == true
      else { continue }
      plan = edited
      history.append("\(edit)")
    }
    self.plan = plan
    self.history = history
  }

  /// `cluster` cut down to its first host's first `devices` devices.
  private static func cluster(_ cluster: ClusterSpec, devices: Int) -> ClusterSpec {
    var result = cluster
    result.host.devicesPerHost = devices
    return result
  }

  /// One edit drawn at random: a boundary move, a logical shape, a pin of another strategy of a
  /// random op, or a schedule.
  private static func randomEdit(
    of plan: Plan, evaluator: PlanEvaluator, using random: inout SplitMix64
  ) throws -> PlanEdit? {
    let stage = Int.random(in: 0..<plan.stages.count, using: &random)
    switch Int.random(in: 0..<4, using: &random) {
    case 0:
      guard plan.stages.count > 1 else { return nil }
      return .moveBoundary(
        stage: min(stage, plan.stages.count - 2), layers: Bool.random(using: &random) ? 1 : -1)
    case 1:
      let count = plan.stages[stage].devices.count
      let rows = (1...count).filter { count % $0 == 0 }.randomElement(using: &random)!
      return .setLogicalShape(stage: stage, LogicalMeshShape(rows: rows, columns: count / rows))
    case 2:
      let inspection = try evaluator.inspect(plan, stage: stage)
      let ops = inspection.operators.filter { !$0.isFollower }
      guard let op = ops.randomElement(using: &random),
        let alternative = inspection.alternatives(for: op.node).filter({ !$0.isChosen })
          .randomElement(using: &random)
      else { return nil }
      return .pin(node: op.node, strategy: alternative.strategy, spec: alternative.spec)
    default:
      return .setSchedule(Bool.random(using: &random) ? .gpipe : .oneFOneB)
    }
  }
}

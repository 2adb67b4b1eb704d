import ShardlineIR
import ShardlinePlan
import Testing

/// Stages of planned plans inspected op by op: the operators add up to the evaluator's stage
/// figures, every op's alternatives hold its chosen strategy once, and the reasons name what
/// the chosen strategy beat.
@Suite("StageInspection")
struct StageInspectionTests {
  /// Whether `a` and `b` agree to `tolerance` relative to the larger.
  static func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b), .leastNormalMagnitude)
  }

  @Test("each stage's operators add up to the evaluator's phase, compute and communication times")
  func sums() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let plan = fixture.plan
    let evaluator = PlanEvaluator(graph: fixture.graph)
    let estimate = try evaluator.evaluate(plan)
    let microbatches = Double(plan.microbatches)
    for stage in plan.stages.indices {
      let operators = try evaluator.inspect(plan, stage: stage).operators
      func sum(_ phase: Phase, _ seconds: (StageInspection.Operator) -> Double) -> Double {
        operators.filter { $0.phase == phase }.reduce(0) { $0 + seconds($1) }
      }
      let time = { (op: StageInspection.Operator) in op.computeSeconds + op.communicationSeconds }
      let forward = sum(.forward, time)
      let compute = operators.reduce(0) { $0 + $1.computeSeconds }
      let communication = operators.reduce(0) { $0 + $1.communicationSeconds }
      // Under rematerialization each layer's backward runs its forward again: its time in the
      // backward, its compute (not its communication) in the compute figure.
      let recomputed = plan.rematerialization ? forward : 0
      let recomputedCompute = plan.rematerialization ? sum(.forward, \.computeSeconds) : 0
      let figures = estimate.stages[stage]
      #expect(Self.close(forward, figures.forwardSeconds))
      #expect(Self.close(sum(.backward, time) + recomputed, figures.backwardSeconds))
      // The estimate's update adds per-iteration transfers from other stages (tied weights).
      #expect(sum(.update, time) <= figures.updateSeconds * (1 + 1e-9))
      // Per iteration: forward and backward once per microbatch, the update once.
      let updateCompute = sum(.update, \.computeSeconds)
      let updateCommunication = sum(.update, \.communicationSeconds)
      #expect(
        Self.close(
          (compute - updateCompute + recomputedCompute) * microbatches + updateCompute,
          figures.computeSeconds))
      #expect(
        Self.close(
          (communication - updateCommunication) * microbatches + updateCommunication,
          figures.communicationSeconds))
    }
  }

  @Test("every op's alternatives are sorted and hold its chosen strategy once, with its figures")
  func alternatives() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let evaluator = PlanEvaluator(graph: fixture.graph)
    for stage in fixture.plan.stages.indices {
      let inspection = try evaluator.inspect(fixture.plan, stage: stage)
      for op in inspection.operators {
        let alternatives = inspection.alternatives(for: op.node)
        let chosen = alternatives.filter(\.isChosen)
        try #require(chosen.count == 1, "\(op.name): \(alternatives)")
        #expect(chosen[0].strategy == op.strategy && chosen[0].spec == op.spec, "\(op.name)")
        #expect(chosen[0].computeSeconds == op.computeSeconds, "\(op.name)")
        #expect(
          Self.close(
            chosen[0].communicationSeconds + chosen[0].operandReshardingSeconds,
            op.communicationSeconds, tolerance: 1e-12),
          "\(op.name)")
        for alternative in alternatives {
          let parts =
            alternative.computeSeconds + alternative.communicationSeconds
            + alternative.operandReshardingSeconds + alternative.resultReshardingSeconds
          #expect(Self.close(alternative.totalSeconds, parts, tolerance: 1e-12))
        }
        #expect(
          zip(alternatives, alternatives.dropFirst()).allSatisfy { a, b in
            (a.objectiveSeconds, a.strategy) <= (b.objectiveSeconds, b.strategy)
          }, "\(op.name)")
        if op.isFollower {
          #expect(inspection.reason(for: op.node).hasPrefix("follows its leader "), "\(op.name)")
        }
      }
    }
  }

  @Test("a block's matmul on eight devices has several strategies; its reason names the runner-up")
  func matmulReason() throws {
    // gpt-tiny's own plan runs each block on one device, where a matmul has one strategy; the
    // intra-op-only baseline runs the whole model as one stage on all eight.
    let plan = try #require(try PlannedBaselines.gpt(.intraOpOnly))
    let graph = try PlannedBaselines.graph(of: plan, model: "gpt-tiny")
    let inspection = try PlanEvaluator(graph: graph).inspect(plan, stage: 0)
    let op = try #require(inspection.operators.first { $0.name == "block0/mlp/fc1/dot_general" })
    guard case .dotGeneral = graph[op.node].op else {
      Issue.record("\(op.name) is \(graph[op.node].op)")
      return
    }
    #expect(!op.isFollower)
    let alternatives = inspection.alternatives(for: op.node)
    #expect(alternatives.count > 1)
    let rival = try #require(alternatives.first { !$0.isChosen })
    let reason = inspection.reason(for: op.node)
    #expect(reason.hasPrefix("chosen: ") || reason.hasPrefix("locally "), "\(reason)")
    #expect(reason.contains(rival.strategy), "\(reason)")
  }

  @Test("a pinned op says so, and a node outside the stage has no alternatives")
  func pinnedAndOutside() throws {
    let fixture = try PlannedGPTTiny.fixture()
    var plan = fixture.plan
    let last = plan.stages.count - 1
    let index = try #require(plan.stages[last].ops.indices.last)
    plan.stages[last].ops[index].pinned = true
    let evaluator = PlanEvaluator(graph: fixture.graph)
    let inspection = try evaluator.inspect(plan, stage: last)
    let node = plan.stages[last].ops[index].node
    #expect(inspection.operators.first { $0.node == node }?.isPinned == true)
    #expect(inspection.reason(for: node) == "pinned")
    let outside = try #require(try evaluator.inspect(plan, stage: 0).operators.first?.node)
    #expect(inspection.alternatives(for: outside).isEmpty)
    #expect(inspection.reason(for: outside) == "not an op of stage \(last)")
  }

  @Test("inspecting a stage the plan does not have throws one line naming the stages it has")
  func outOfRange() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let evaluator = PlanEvaluator(graph: fixture.graph)
    let count = fixture.plan.stages.count
    for stage in [count, -1] {
      let error = #expect(throws: PlanError.self) {
        try evaluator.inspect(fixture.plan, stage: stage)
      }
      #expect(
        error == .invalidStage(stage: stage, reason: "the plan has stages 0…\(count - 1)"))
      #expect(error?.description == "stage \(stage): the plan has stages 0…\(count - 1)")
    }
  }
}

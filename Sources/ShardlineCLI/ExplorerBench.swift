import ArgumentParser
import Foundation
import ShardlineExplorer
import ShardlineHardware
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner

/// `shardline bench explorer`: how fast the explorer draws and re-costs on a big plan — frame
/// time of every view and edit-to-estimate time of every edit, on GPT-39B's 64-GPU plan by
/// default (targets: a frame under 16 ms, a re-cost under 50 ms).
struct ExplorerBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explorer",
    abstract: "Time the explorer's frames and re-costs on GPT-39B's 64-GPU plan (or a plan file).")

  @Option(
    help: ArgumentHelp(
      "A plan file to measure instead of planning GPT-39B on 8 × p3.16xlarge.",
      valueName: "plan.json"))
  var plan: String?

  @Option(help: "Frames drawn per view and size; the mean and the worst are reported.")
  var frames: Int = 30

  func run() throws {
    guard frames > 0 else { throw CLIError("--frames must be positive") }
    let clock = ContinuousClock()
    let (source, loaded) = try benchPlan()
    let workspace = PlanWorkspace(source: source, planner: Planner())
    var state: ExplorerState?
    let open = clock.measure {
      state = ExplorerState(documents: [
        PlanDocument(plan: loaded, title: "bench", path: nil, workspace: workspace)
      ])
    }
    guard var state else { return }
    let ops = loaded.stages.map(\.ops.count)
    print(
      "\(loaded.model.name) on \(loaded.cluster.description): \(loaded.stages.count) stages, "
        + "\(ops.reduce(0, +)) ops (largest stage \(ops.max() ?? 0))")
    print("  open (build graph, evaluate)  \(Format.seconds(open.seconds))")
    let largest = ops.indices.max { ops[$0] < ops[$1] } ?? 0
    while state.selectedStage < largest { _ = state.reduce(.moveDown) }
    let inspect = clock.measure { _ = state.reduce(.open) }
    print("  open stage \(largest) (inspect every op)  \(Format.seconds(inspect.seconds))")
    print("frames (target under 16 ms)")
    for page in ExplorerPage.allCases {
      var shown = state
      prepare(&shown, page: page)
      for (width, height) in [(80, 24), (160, 48)] {
        var times: [Double] = []
        for _ in 0..<frames {
          times.append(
            clock.measure { _ = ExplorerScreen.render(shown, width: width, height: height) }.seconds
          )
        }
        print(
          "  \(String(describing: page).padding(toLength: 9, withPad: " ", startingAt: 0)) "
            + "\(width)×\(height)  mean \(Format.seconds(times.reduce(0, +) / Double(times.count))), "
            + "worst \(Format.seconds(times.max() ?? 0))")
      }
    }
    print("edit to new estimate (target under 50 ms)")
    var overview = state
    _ = overview.reduce(.show(.overview))
    overview.selectedStage = 0
    report("move a stage boundary", in: overview, [.moveBoundary(1)])
    report("move it back", in: overview, [.moveBoundary(1)], then: [.moveBoundary(-1)])
    walkBoundaries(from: overview)
    report("switch the schedule", in: overview, [.toggleSchedule])
    report("undo", in: overview, [.toggleSchedule], then: [.undo])
    report("next logical shape", in: overview, [.cycleLogicalShape])
    var pinning = state
    prepare(&pinning, page: .operator)
    _ = pinning.reduce(.moveDown)
    report("pin a strategy (and re-list the stage)", in: pinning, [.pinSelectedStrategy])
    report("double the microbatches (new graph)", in: overview, [.changeMicrobatches(1)])
  }

  /// Moves every stage's end (but the last's) three layers later, one layer at a time: each move
  /// slices and prices two stages never seen before.
  private func walkBoundaries(from state: ExplorerState) {
    var state = state
    var times: [Double] = []
    for stage in 0..<max(state.document.plan.stages.count - 1, 0) {
      state.selectedStage = stage
      for _ in 0..<3 {
        times.append(ContinuousClock().measure { _ = state.reduce(.moveBoundary(1)) }.seconds)
      }
    }
    guard !times.isEmpty else { return }
    let label = "\(times.count) boundary moves to new layers"
    print(
      "  \(label.padding(toLength: 40, withPad: " ", startingAt: 0)) "
        + "mean \(Format.seconds(times.reduce(0, +) / Double(times.count))), "
        + "worst \(Format.seconds(times.max() ?? 0))")
  }

  /// Times the last of `actions` after `setup`.
  private func report(
    _ label: String, in state: ExplorerState, _ actions: [ExplorerAction],
    then final: [ExplorerAction] = []
  ) {
    var state = state
    let timed = final.isEmpty ? actions : final
    if !final.isEmpty { for action in actions { _ = state.reduce(action) } }
    let elapsed = ContinuousClock().measure { for action in timed { _ = state.reduce(action) } }
    let verdict = state.status.map { $0.isError ? " (\($0.text))" : "" } ?? ""
    print(
      "  \(label.padding(toLength: 40, withPad: " ", startingAt: 0)) \(Format.seconds(elapsed.seconds))\(verdict)"
    )
  }

  /// `state` showing `page`, with something to show there: the largest stage unfolded, its
  /// first op with a choice opened.
  private func prepare(_ state: inout ExplorerState, page: ExplorerPage) {
    switch page {
    case .stage:
      _ = state.reduce(.expandAllLayers)
      for _ in 0..<40 { _ = state.reduce(.moveDown) }
    case .operator:
      _ = state.reduce(.expandAllLayers)
      let rows = state.operatorRows()
      if let index = rows.firstIndex(where: {
        if case .operator(let op) = $0 { return op.type.contains(",") && !op.isFollower }
        return false
      }) {
        for _ in 0..<index { _ = state.reduce(.moveDown) }
        _ = state.reduce(.open)
      }
    default:
      _ = state.reduce(.show(page))
    }
  }

  /// The plan measured and its model.
  private func benchPlan() throws -> (ModelSource, Plan) {
    if let plan {
      let file = try PlanFile.load(plan)
      return (file.source, file.plan)
    }
    let preset = try ModelZoo.preset(named: "gpt-39b")
    let source = ModelSource.zoo(
      name: preset.name, config: preset.model, training: preset.trainingOptions())
    let cluster = try ClusterOptions(cluster: "p3.16xlarge:8").resolve()
    let line = ProgressLine()
    defer { line.finish() }
    do {
      let planner = try PlannerFlags.parse([]).planner()
      return (source, try planner.plan(source, on: cluster) { line.update($0.description) })
    } catch {
      throw CLIError("planning gpt-39b: \(error)")
    }
  }
}

import ArgumentParser
import Foundation
import ShardlineExplorer
import ShardlineIR
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner

/// `shardline explore`: the plan explorer in the terminal.
struct ExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract: "Explore, edit and re-cost plans in the terminal.",
    discussion: """
      Opens each plan file in its own tab: stages, submeshes, every op's sharding and the \
      pipeline timeline. Edits (stage boundaries, submeshes, pinned shardings, microbatches, \
      schedule) are re-costed at once; s saves, ? lists every key.

      With no plan file it opens a sample (\(defaultModel) on \(defaultCluster) unless \
      --model, --cluster, --depth or --batch say otherwise), planning it first with a progress \
      screen unless a plan for the same inputs is cached (in ~/.cache/shardline/plans, \
      $XDG_CACHE_HOME/shardline/plans, or the plans folder of --cache-dir; --no-cache plans \
      every time). Esc or q on that screen cancels.

      It needs a terminal: for scripts use `shardline plan` and `shardline evaluate`.
      """)

  /// The sample opened with no plan file.
  static let defaultModel = "gpt-2.6b"
  /// The cluster of the sample.
  static let defaultCluster = "p3.16xlarge:2"

  @Argument(
    help: ArgumentHelp("Plan files to open, each in its own tab.", valueName: "plan.json"))
  var planFiles: [String] = []

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The sample's model preset (default: \(defaultModel)), or the graph JSON file of plans "
        + "made from a graph file.",
      valueName: "name|file"))
  var model: String?

  @Option(help: "The sample's transformer blocks (or ResNet depth, MLP hidden layers).")
  var depth: Int?

  @Option(help: "The sample's global batch size.") var batch: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The sample's cluster (default: \(defaultCluster)): PRESET, PRESET:HOSTS or a JSON file.",
      valueName: "spec"))
  var cluster: String?

  @OptionGroup(title: "Planner (the sample's search and re-solves)") var flags: PlannerFlags

  @Flag(
    name: .customLong("print-keys"),
    help: "Print the key map as Markdown (the README's copy) and exit; needs no terminal.")
  var printKeys = false

  func run() throws {
    try MainActor.assumeIsolated { try explore() }
  }

  @MainActor
  private func explore() throws {
    if printKeys {
      print(KeyMap.markdown())
      return
    }
    if flags.output != nil || flags.trace != nil || flags.json {
      throw CLIError(
        "explore saves plans with s (save) and S (save as); -o, --trace and --json are for "
          + "`shardline plan`")
    }
    let planner = try flags.planner()
    if planFiles.isEmpty {
      try exploreSample(planner: planner)
    } else {
      let documents = try openPlanFiles(planner: planner)
      let terminal = try startTerminal()
      defer { terminal.shutdown() }
      runExplorer(ExplorerState(documents: documents), terminal: terminal)
    }
  }

  /// Opens the sample: planned now with a progress screen, or read from the plan cache.
  @MainActor
  private func exploreSample(planner: Planner) throws {
    var arguments = ["--model", model ?? Self.defaultModel]
    if let depth { arguments += ["--depth", "\(depth)"] }
    if let batch { arguments += ["--batch", "\(batch)"] }
    let modelOptions: ModelOptions
    do {
      modelOptions = try ModelOptions.parse(arguments)
    } catch {
      throw CLIError(ModelOptions.message(for: error))
    }
    let (source, shardings) = try modelOptions.modelSourceAndShardings()
    let clusterSpec = try ClusterOptions(cluster: cluster ?? Self.defaultCluster).resolve()
    let clusterName = "\(clusterSpec.hostCount) × \(clusterSpec.name)"
    let cacheFile = PlanCache.file(
      source: source, cluster: clusterSpec, planner: planner,
      directory: PlanCache.directory(flags))
    let cached = cacheFile.flatMap(PlanCache.load)
    let terminal = try startTerminal()
    defer { terminal.shutdown() }
    let plan: Plan
    var status: StatusMessage?
    if let cached {
      plan = cached
    } else {
      let planned: (plan: Plan, pins: SdyPinReport?)?
      do {
        planned = try ExplorerApp.compile(
          title: "Planning \(source.name) on \(clusterName)", terminal: terminal
        ) { progress in
          let searched = try planner.plan(source, on: clusterSpec, progress: progress)
          guard !shardings.isEmpty else { return (searched, nil) }
          let graph = try source.microbatchGraph(microbatches: searched.microbatches)
          let pinned = try SdyShardingPins.resolved(
            searched, shardings, of: source, planner: planner,
            evaluator: PlanEvaluator(graph: graph), progress: progress)
          return (pinned.plan, pinned.report)
        }
      } catch {
        throw CLIError("planning \(source.name) on \(clusterName): \(error)")
      }
      guard let planned else {
        throw CLIError("planning \(source.name) on \(clusterName) cancelled; nothing was saved")
      }
      plan = planned.plan
      if let pins = planned.pins { status = StatusMessage("\(pins)") }
      if let cacheFile, let failure = PlanCache.store(plan, at: cacheFile) {
        status = StatusMessage("the plan was not cached: \(failure)", isError: true)
      }
    }
    let workspace = PlanWorkspace(source: source, planner: planner)
    let document = PlanDocument(
      plan: plan, title: "\(source.name) on \(clusterName) (unsaved)", path: nil,
      workspace: workspace)
    var state = ExplorerState(documents: [document])
    state.status = status
    runExplorer(state, terminal: terminal)
  }

  /// Each plan file as a document; plans of the same model share a workspace.
  @MainActor
  private func openPlanFiles(planner: Planner) throws -> [PlanDocument] {
    if depth != nil || batch != nil || cluster != nil {
      throw CLIError(
        "--depth, --batch and --cluster choose the sample to plan; plan files bring their own "
          + "model and cluster")
    }
    let plans = try planFiles.map(PlanFile.readPlan)
    let needsGraph = plans.contains { $0.model.config == nil }
    var workspaces: [WorkspaceKey: PlanWorkspace] = [:]
    var documents: [PlanDocument] = []
    for (path, plan) in zip(planFiles, plans) {
      let file = try PlanFile.load(
        path, graphFile: plan.model.config == nil || !needsGraph ? model : nil)
      let key = WorkspaceKey(
        name: plan.model.name, config: plan.model.config, training: plan.model.training)
      let workspace: PlanWorkspace
      if let shared = workspaces[key] {
        workspace = shared
      } else {
        workspace = PlanWorkspace(
          source: file.source, planner: planner, graph: try file.microbatchGraph(),
          microbatches: plan.microbatches)
        workspaces[key] = workspace
      }
      do {
        try plan.check(against: workspace.evaluator(microbatches: plan.microbatches).graph)
      } catch {
        throw CLIError("\(path): \(error)")
      }
      let title = URL(fileURLWithPath: path).lastPathComponent
      documents.append(PlanDocument(plan: plan, title: title, path: path, workspace: workspace))
    }
    return documents
  }

  /// The terminal, once standard input and output are one.
  @MainActor
  private func startTerminal() throws -> CursesTerminal {
    guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
      throw CLIError("explore needs a terminal; use `shardline plan` or `evaluate` for scripts")
    }
    do {
      return try CursesTerminal()
    } catch {
      throw CLIError(error.description)
    }
  }

  @MainActor
  private func runExplorer(_ state: ExplorerState, terminal: CursesTerminal) {
    let store = ExplorerStore(state: state, solver: SolveRunner.live)
    ExplorerApp.run(store: store, terminal: terminal)
  }

  /// Plans share a workspace when they are of the same model.
  private struct WorkspaceKey: Hashable {
    var name: String
    var config: ModelConfig?
    var training: TrainingOptions
  }
}

extension ModelOptions {
  /// The line for a failure to parse generated model arguments.
  fileprivate static func message(for error: any Error) -> String {
    fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
  }
}

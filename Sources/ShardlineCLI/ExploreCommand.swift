import ArgumentParser
import Foundation
import ShardlineExplorer
import ShardlineHardware
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
    let source = try modelOptions.modelSource()
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
      let planned: Plan?
      do {
        planned = try ExplorerApp.compile(
          title: "Planning \(source.name) on \(clusterName)", terminal: terminal
        ) { progress in
          try planner.plan(source, on: clusterSpec, progress: progress)
        }
      } catch {
        throw CLIError("planning \(source.name) on \(clusterName): \(error)")
      }
      guard let planned else {
        throw CLIError("planning \(source.name) on \(clusterName) cancelled; nothing was saved")
      }
      plan = planned
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

/// Compiled samples kept between runs: `<cache>/plans/<model>-<key>.json`, the key a stable
/// hash of everything the plan depends on (model, training, cluster, planner options).
enum PlanCache {
  /// The plans directory, or `nil` with `--no-cache`.
  static func directory(_ flags: PlannerFlags) -> URL? {
    if flags.noCache { return nil }
    if let directory = flags.cacheDirectory {
      return URL(fileURLWithPath: directory).appendingPathComponent("plans")
    }
    let environment = ProcessInfo.processInfo.environment
    let base =
      environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
      ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".cache")
    return base.appendingPathComponent("shardline/plans")
  }

  /// What the key hashes, encoded as JSON with sorted keys.
  private struct Inputs: Encodable {
    var version = Plan.jsonVersion
    var model: String
    var config: ModelConfig
    var training: TrainingOptions
    var cluster: ClusterSpec
    var options: PlannerOptions
    var schedule: String
  }

  /// The cache file of a plan of `source` on `cluster` by `planner`; `nil` without a
  /// directory or for a model read from a graph file (not cached).
  static func file(
    source: ModelSource, cluster: ClusterSpec, planner: Planner, directory: URL?
  ) -> URL? {
    guard let directory, case .zoo(let name, let config, let training) = source else {
      return nil
    }
    let inputs = Inputs(
      model: name, config: config, training: training, cluster: cluster,
      options: planner.options, schedule: planner.schedule.rawValue)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    guard let data = try? encoder.encode(inputs) else { return nil }
    let key = String(fnv1a(data), radix: 16)
    let padded = String(repeating: "0", count: 16 - key.count) + key
    return directory.appendingPathComponent("\(name)-\(padded).json")
  }

  /// The cached plan at `file`, or `nil` when there is none or it cannot be read.
  static func load(_ file: URL) -> Plan? {
    guard let data = try? Data(contentsOf: file) else { return nil }
    return try? Plan(jsonData: data)
  }

  /// Writes `plan` to `file` atomically, creating the directory.
  ///
  /// - Returns: Why it could not, or `nil`.
  static func store(_ plan: Plan, at file: URL) -> String? {
    do {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try ExplorerStore.writeAtomically(try plan.jsonData(), to: file.path)
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// The 64-bit FNV-1a hash of `data`: the same bytes give the same key in every run (Swift's
  /// `Hasher` is seeded per process).
  static func fnv1a(_ data: Data) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return hash
  }
}

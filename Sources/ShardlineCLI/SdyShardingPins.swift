import ShardlineIR
import ShardlineImport
import ShardlinePlan
import ShardlinePlanner
import ShardlineSharding

/// A step's `sdy.sharding` annotations as user pins: of a `shard` request on one logical mesh,
/// or of a searched plan's stages on theirs.
enum SdyShardingPins {
  /// `explicit` with each annotation that applies on `mesh` added as a pin of its parameter, by
  /// name (by `%ID` when other ops share the name); an explicit pin of the same op wins.
  ///
  /// - Returns: The merged pins, and what became of each annotation.
  /// - Throws: ``CLIError`` for an annotation whose spec does not divide its parameter's shape.
  static func request(
    _ annotations: [ArgumentSharding], graph: Graph, mesh: MeshShape,
    explicit: [String: ShardingSpec]
  ) throws -> (pins: [String: ShardingSpec], report: SdyPinReport) {
    var pins = explicit
    var report = SdyPinReport(total: annotations.count)
    for annotation in annotations {
      let name = graph[annotation.node].name
      if explicit[name] != nil || explicit[annotation.node.description] != nil {
        report.skipped.append("overridden by --pin")
        continue
      }
      switch annotation.spec(on: mesh) {
      case .success(let spec):
        try check(spec, of: graph[annotation.node], on: mesh, named: "the \(mesh) mesh")
        let shared = graph.nodes.contains { $0.name == name && $0.id != annotation.node }
        pins[shared ? annotation.node.description : name] = spec
        report.pinned += 1
      case .failure(let mismatch):
        report.skipped.append("the mesh is \(mesh), \(mismatch)")
      }
    }
    return (pins, report)
  }

  /// `plan` with each annotated parameter pinned in the stage that computes it, where the
  /// annotation applies on that stage's logical mesh.
  ///
  /// - Returns: The edited plan (not yet re-solved), the stages holding new pins, and what
  ///   became of each annotation.
  /// - Throws: ``CLIError`` for an annotation whose spec does not divide its parameter's shape,
  ///   or a pin the plan cannot take.
  static func pinning(
    _ plan: Plan, _ annotations: [ArgumentSharding], evaluator: PlanEvaluator
  ) throws -> (plan: Plan, stages: [Int], report: SdyPinReport) {
    let graph = evaluator.graph
    var pinned = plan
    var stages = Set<Int>()
    var report = SdyPinReport(total: annotations.count)
    for annotation in annotations {
      let node = graph[annotation.node]
      guard
        let stage = plan.stages.firstIndex(where: { stage in
          stage.ops.contains { $0.node == node.id && $0.name == node.name }
        })
      else {
        report.skipped.append("no stage computes the parameter")
        continue
      }
      let shape = plan.stages[stage].logicalShape
      let mesh = MeshShape(shape.rows, shape.columns)
      switch annotation.spec(on: mesh) {
      case .success(let requested):
        let spec = requested.canonical(on: mesh)
        try check(requested, of: node, on: mesh, named: "stage \(stage)'s \(mesh) mesh")
        do {
          pinned = try pinned.applying(
            .pin(node: node.id, strategy: spec.description, spec: spec), evaluator: evaluator)
        } catch {
          throw CLIError("pinning \(node.name) to \(spec): \(error)")
        }
        stages.insert(stage)
        report.pinned += 1
      case .failure(let mismatch):
        report.skipped.append("stage \(stage)'s mesh is \(mesh), \(mismatch)")
      }
    }
    return (pinned, stages.sorted(), report)
  }

  /// `plan` of `source` with the annotations pinned (``pinning(_:_:evaluator:)``) and the
  /// stages holding them re-solved by `planner` around the pins.
  ///
  /// - Returns: The re-solved plan, evaluated, and what became of each annotation.
  /// - Throws: ``CLIError`` for a pin its op cannot take, or a stage the re-solve cannot solve.
  static func resolved(
    _ plan: Plan, _ annotations: [ArgumentSharding], of source: ModelSource, planner: Planner,
    evaluator: PlanEvaluator, progress: @escaping @Sendable (PlannerProgress) -> Void
  ) throws -> (plan: Plan, report: SdyPinReport) {
    let (pinned, stages, report) = try pinning(plan, annotations, evaluator: evaluator)
    guard !stages.isEmpty else { return (plan, report) }
    do {
      let solved = try planner.resolve(
        pinned, of: source, scope: .sharding(stages: stages), progress: progress)
      return (solved, report)
    } catch {
      throw CLIError("re-solving around the sdy.sharding pins: \(error)")
    }
  }

  /// Throws unless `spec` divides `node`'s shape on `mesh` (called `meshName` in the message).
  private static func check(
    _ spec: ShardingSpec, of node: Node, on mesh: MeshShape, named meshName: String
  ) throws {
    guard !spec.isValid(for: node.type.shape, on: mesh) else { return }
    throw CLIError(
      "the sdy.sharding of \(node.name) asks for \(spec) on \(meshName), which its shape "
        + "\(node.type.shape) cannot take (a split dimension must divide evenly among its "
        + "devices); pass --ignore-sdy-shardings to leave the annotations out")
  }
}

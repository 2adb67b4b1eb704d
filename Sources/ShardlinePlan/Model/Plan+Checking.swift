import ShardlineHardware
import ShardlineIR

/// Checks that a loaded plan belongs to the model and cluster it is about to be evaluated on.
///
/// A plan refers to the per-microbatch training graph by node id; rebuilt from another model
/// (another depth, batch or optimizer) the ids would silently point at other ops. These checks
/// catch that before any costing, naming the first thing that differs.
extension Plan {
  /// Checks that `graph` is the per-microbatch training graph the plan was made for.
  ///
  /// Compared in order, the first difference is reported: the global batch (with the zoo
  /// model's batch, which the graph is rebuilt from), the node count, the structural digest
  /// (computed as ``PlanModel/graphDigest`` is: the ``GraphSlice/digest`` of the whole graph),
  /// then each stage's ops, in pipeline and op order — every op's node must exist and carry the
  /// op's name (or `boundary/<name>` for a value a stage reads from another stage).
  ///
  /// - Parameter graph: The per-microbatch training graph, rebuilt from the plan's model.
  /// - Throws: ``PlanError/mismatch(what:planSays:actual:)`` naming the first difference.
  /// - Complexity: O(*n*) in the graph's nodes plus the plan's ops.
  public func check(against graph: Graph) throws(PlanError) {
    if let batch = model.config?.batch, batch != globalBatch {
      throw .mismatch(
        what: "a global batch of", planSays: "\(globalBatch)",
        actual: "a model with a batch of \(batch)")
    }
    let count = graph.nodes.count
    guard count == model.nodeCount else {
      throw .mismatch(
        what: "a training graph of", planSays: "\(model.nodeCount) nodes",
        actual: "\(count) nodes")
    }
    let digest = GraphSlice(of: graph, members: graph.nodes.map(\.id), users: graph.users())
      .digest
    guard digest == model.graphDigest else {
      throw .mismatch(
        what: "a training graph with digest", planSays: model.graphDigest, actual: digest)
    }
    for (index, stage) in stages.enumerated() {
      for op in stage.ops {
        guard graph.nodes.indices.contains(op.node.rawValue) else {
          throw .mismatch(
            what: "stage \(index) op '\(op.name)' at node", planSays: "\(op.node)",
            actual: "a graph of \(count) nodes")
        }
        let name = graph[op.node].name
        guard op.name == name || op.name == Self.boundaryPrefix + name else {
          throw .mismatch(
            what: "stage \(index) op \(op.node) named", planSays: "'\(op.name)'",
            actual: "'\(name)'")
        }
      }
    }
  }

  /// Checks that `cluster` is the cluster the plan was made for.
  ///
  /// - Parameter cluster: The cluster a user named explicitly.
  /// - Throws: ``PlanError/mismatch(what:planSays:actual:)`` when any of its figures differ.
  public func check(cluster: ClusterSpec) throws(PlanError) {
    guard cluster != self.cluster else { return }
    let planned = self.cluster.description
    let given = cluster.description
    throw .mismatch(
      what: "cluster", planSays: planned,
      actual: planned == given ? "\(given) with other device or network figures" : given)
  }

  /// The name prefix of a value a stage reads from outside its layers (see ``GraphSlice``).
  static let boundaryPrefix = "boundary/"
}

extension Plan {
  /// Model chunks per device group, v: under interleaved 1F1B, the stages that share one device
  /// list (stage s runs on device group s mod S/v); 1 otherwise.
  public var virtualStages: Int { PlanChecks.virtualStages(of: self) }
}

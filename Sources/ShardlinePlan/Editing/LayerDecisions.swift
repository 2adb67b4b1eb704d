import ShardlineIR
import ShardlineSharding

/// The decisions of some stages of a plan split by layer, each layer's in the numbering of its
/// own slice, so that a layer can move to another stage and the stages' op lists be written
/// again.
///
/// A stage's op list holds its layers' ops and, as `boundary/…` ops, the values it reads from
/// other stages; a value one of its layers hands another is listed once, at its producer. Split
/// by layer, every input of a layer's slice needs a decision again: one read from another stage
/// takes the stage's boundary op; one produced by another layer of the stage takes the decision
/// of a structurally identical layer of the stage at the same slice position whose input comes
/// from another stage (the first block of a run of identical blocks records what the others
/// hand each other), else its producer's spec with pending sums completed. Written back,
/// ``ops(ofLayers:)`` lists ops as the planner assembles them: in the stage slice's order, a
/// boundary value with the decision of the first layer that reads it.
struct LayerDecisions {
  /// One op's decision, without its node and name.
  struct Decision: Hashable {
    var strategy: String
    var spec: ShardingSpec
    var pinned: Bool
  }

  let graph: Graph
  let partition: LayerPartition
  private let users: [[NodeID]]
  /// Where whole stages' slices are cut (and kept for re-costing).
  private let evaluator: PlanEvaluator
  private let layering: Layering
  private var slices: [Int: GraphSlice] = [:]
  /// By layer, by node of the layer's slice.
  private var decisions: [Int: [NodeID: Decision]] = [:]

  /// Splits the graph into layers as `layering` does.
  init(evaluator: PlanEvaluator, layering: Layering) throws(PlanEditError) {
    do {
      partition = try evaluator.partition(of: layering)
    } catch {
      guard case .invalidLayering(let reason) = error else {
        throw .layering(reason: error.description)
      }
      throw .layering(reason: reason)
    }
    graph = evaluator.graph
    users = evaluator.users
    self.evaluator = evaluator
    self.layering = layering
  }

  /// The slice of layer `layer` on its own, cut once.
  mutating func slice(ofLayer layer: Int) -> GraphSlice {
    if let slice = slices[layer] { return slice }
    let slice = GraphSlice(of: graph, members: partition.membersOfLayer[layer], users: users)
    slices[layer] = slice
    return slice
  }

  /// Splits `stage`'s decisions by layer (see the type's discussion).
  mutating func load(_ stage: PlanStage) {
    let range = stage.layers
    var own: [NodeID: Decision] = [:]
    var read: [NodeID: Decision] = [:]
    for op in stage.ops where graph.nodes.indices.contains(op.node.rawValue) {
      let decision = Decision(strategy: op.strategy, spec: op.spec, pinned: op.pinned)
      if range.contains(layer(of: op.node)) {
        own[op.node] = decision
      } else if read[op.node] == nil {
        read[op.node] = decision
      }
    }
    var handedOver: [(layer: Int, local: NodeID, whole: NodeID)] = []
    for layer in range {
      let slice = slice(ofLayer: layer)
      let boundary = Set(slice.boundaryInputs)
      var split: [NodeID: Decision] = [:]
      for (index, whole) in slice.wholeGraphNodes.enumerated() {
        let local = NodeID(index)
        if !boundary.contains(local) {
          split[local] = own[whole]
        } else if range.contains(self.layer(of: whole)) {
          handedOver.append((layer, local, whole))
        } else {
          split[local] = read[whole]
        }
      }
      decisions[layer] = split
    }
    let stageSlices = Dictionary(uniqueKeysWithValues: range.map { ($0, slice(ofLayer: $0)) })
    for (layer, local, whole) in handedOver {
      let digest = stageSlices[layer]!.digest
      let twin = range.first { other in
        let slice = stageSlices[other]!
        return other != layer && slice.digest == digest
          && !range.contains(self.layer(of: slice.wholeGraphNodes[local.rawValue]))
          && decisions[other]?[local] != nil
      }
      if let twin, var decision = decisions[twin]?[local] {
        decision.pinned = false
        decisions[layer]?[local] = decision
      } else if let producer = own[whole] {
        let spec = producer.spec.withoutPartial
        decisions[layer]?[local] = Decision(
          strategy: spec.description, spec: spec, pinned: false)
      }
    }
  }

  /// Gives `layer` the decisions of `twin`, a layer with the same structure, op by op; the
  /// layer's pinned ops keep theirs.
  mutating func adopt(_ layer: Int, decisionsOf twin: Int) {
    var adopted = (decisions[twin] ?? [:]).mapValues { decision in
      var copy = decision
      copy.pinned = false
      return copy
    }
    for (local, decision) in decisions[layer] ?? [:] where decision.pinned {
      adopted[local] = decision
    }
    decisions[layer] = adopted
  }

  /// The op list of a stage of layers `range`, every one of them loaded.
  mutating func ops(ofLayers range: ClosedRange<Int>) -> [PlanOp] {
    let stageSlice = evaluator.slice(of: range, layering: layering, partition: partition)
    var ops: [PlanOp] = []
    for (index, whole) in stageSlice.wholeGraphNodes.enumerated() {
      let owner = layer(of: whole)
      var decision: Decision?
      if range.contains(owner) {
        decision = slice(ofLayer: owner).sliceNodes[whole].flatMap { decisions[owner]?[$0] }
      } else {
        for layer in range {
          if let local = slice(ofLayer: layer).sliceNodes[whole],
            let found = decisions[layer]?[local]
          {
            decision = found
            break
          }
        }
      }
      guard let decision else { continue }
      ops.append(
        PlanOp(
          node: whole, name: stageSlice.graph.nodes[index].name, strategy: decision.strategy,
          spec: decision.spec, pinned: decision.pinned))
    }
    return ops
  }

  private func layer(of node: NodeID) -> Int { partition.layerOfNode[node.rawValue] }
}

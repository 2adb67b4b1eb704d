import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlineSharding

/// Every value a stage reads from another stage, priced as a cross-mesh transfer and charged
/// where the pipeline pays it.
///
/// Per-microbatch values (activations forward, their gradients backward) delay the receiving
/// stage's task: a forward transfer is charged to the link into the receiver, a backward one to
/// the link back. Values that do not depend on the batch (a tied weight read by a later stage)
/// and gradient contributions that only add up into a parameter's gradient move once per
/// iteration and are charged to the receiver's update; the stage that holds such a replica or
/// accumulation buffer pays its bytes.
struct CrossStageTransfers {
  var sendForwardSeconds: [Double]
  var sendBackwardSeconds: [Double]
  var perIterationSeconds: [Double]
  var receiveSeconds: [Double]
  var receiveBytes: [Double]
  var replicaBytes: [Double]

  init(
    plan: Plan, slices: [GraphSlice], costings: [StageCosting], meshes: [LogicalMesh],
    stageOfNode: [Int], classes: ValueClasses, options: ShardingOptions,
    costModel: ComputeCostModel
  ) {
    let count = plan.stages.count
    sendForwardSeconds = Array(repeating: 0, count: count)
    sendBackwardSeconds = Array(repeating: 0, count: count)
    perIterationSeconds = Array(repeating: 0, count: count)
    receiveSeconds = Array(repeating: 0, count: count)
    receiveBytes = Array(repeating: 0, count: count)
    replicaBytes = Array(repeating: 0, count: count)
    let microbatches = Double(plan.microbatches)
    for target in 0..<count {
      let slice = slices[target]
      for boundary in slice.boundaryInputs {
        let producer = slice.wholeGraphNodes[boundary.rawValue]
        let source = stageOfNode[producer.rawValue]
        guard source >= 0, source != target,
          let local = slices[source].sliceNodes[producer],
          var sourceSpec = costings[source].decisions[local]?.spec
        else { continue }
        let type = slice.graph[boundary].type
        var seconds = 0.0
        if sourceSpec.isPartial {
          let context = ShardingContext(
            graph: slices[source].graph, mesh: meshes[source], costModel: costModel,
            options: options)
          seconds +=
            context.resharding(type, from: sourceSpec, to: sourceSpec.withoutPartial)
            .seconds
          sourceSpec = sourceSpec.withoutPartial
        }
        let targetSpec = costings[target].decisions[boundary]?.spec ?? .replicated(rank: type.rank)
        let transfer = CrossMeshResharding.transfer(
          type,
          from: MeshPlacement(
            devices: plan.stages[source].devices, shape: plan.stages[source].logicalShape,
            spec: sourceSpec),
          to: MeshPlacement(
            devices: plan.stages[target].devices, shape: plan.stages[target].logicalShape,
            spec: targetSpec.withoutPartial),
          on: plan.cluster)
        seconds += transfer.seconds
        let onceAnIteration = classes.perIteration[producer.rawValue]
        let accumulated = classes.accumulatesGradient[producer.rawValue]
        if onceAnIteration || accumulated {
          perIterationSeconds[target] += seconds
          receiveBytes[target] += transfer.bytes
          let holder = accumulated ? source : target
          let spec = accumulated ? sourceSpec : targetSpec
          let mesh = meshes[holder].shape
          replicaBytes[holder] +=
            Double(type.byteCount)
            / Double(spec.shardCount(on: MeshShape(mesh.rows, mesh.columns)))
        } else {
          if source < target {
            sendForwardSeconds[target - 1] += seconds
          } else {
            sendBackwardSeconds[target + 1] += seconds
          }
          receiveSeconds[target] += seconds
          receiveBytes[target] += transfer.bytes * microbatches
        }
      }
    }
  }
}

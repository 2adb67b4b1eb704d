import ShardlineHardware

/// Structural checks of a plan that need no costing: layers covered in order, devices inside
/// the cluster, used once, matching each stage's submesh and logical shape.
enum PlanChecks {
  /// Every structural problem of `plan`, for a graph of `layerCount` layers.
  static func structure(of plan: Plan, layerCount: Int) -> [PlanIssue] {
    var issues: [PlanIssue] = []
    var next = 0
    for (index, stage) in plan.stages.enumerated() {
      if stage.lastLayer >= layerCount {
        issues.append(
          PlanIssue(
            kind: .layers, stage: index,
            message: "ends at layer \(stage.lastLayer) but the model has \(layerCount) layers"))
      }
      if stage.firstLayer != next || stage.lastLayer < stage.firstLayer {
        issues.append(
          PlanIssue(
            kind: .layers, stage: index,
            message:
              "covers layers \(stage.firstLayer)…\(stage.lastLayer); expected to start at \(next)"))
      }
      next = stage.lastLayer + 1
    }
    if next != layerCount {
      issues.append(
        PlanIssue(
          kind: .layers, stage: nil,
          message: "the stages end at layer \(next - 1) but the model has \(layerCount) layers"))
    }
    if plan.stages.isEmpty {
      issues.append(PlanIssue(kind: .layers, stage: nil, message: "the plan has no stages"))
    }
    if plan.microbatches < 1 || plan.globalBatch % max(plan.microbatches, 1) != 0 {
      issues.append(
        PlanIssue(
          kind: .schedule, stage: nil,
          message:
            "\(plan.microbatches) microbatches do not divide the batch of \(plan.globalBatch)"))
    }
    issues += devices(of: plan)
    return issues
  }

  private static func devices(of plan: Plan) -> [PlanIssue] {
    var issues: [PlanIssue] = []
    var owner: [DeviceID: Int] = [:]
    let shared = plan.schedule == .interleavedOneFOneB
    // Stages grown past the cluster (a submesh edited larger) are one problem, said once, not
    // one "not in the cluster" per stage pushed past its end.
    let lists = shared ? Array(Set(plan.stages.map(\.devices))) : plan.stages.map(\.devices)
    let needed = lists.reduce(0) { $0 + $1.count }
    let overflows = needed > plan.cluster.deviceCount
    if overflows {
      issues.append(
        PlanIssue(
          kind: .devices, stage: nil,
          message:
            "the stages use \(needed) devices but the cluster has \(plan.cluster.deviceCount)"
        ))
    }
    for (index, stage) in plan.stages.enumerated() {
      let count = stage.devices.count
      let shape = stage.logicalShape
      if count == 0 || shape.rows < 1 || shape.columns < 1 || stage.submesh.hostCount < 1
        || stage.submesh.devicesPerHost < 1
        || count != stage.submesh.deviceCount || count != shape.deviceCount
      {
        issues.append(
          PlanIssue(
            kind: .devices, stage: index,
            message:
              "\(count) devices for submesh \(stage.submesh) and logical mesh \(stage.logicalShape)"
          ))
        continue
      }
      if !overflows,
        let outside = stage.devices.first(where: {
          $0.rawValue < 0 || $0.rawValue >= plan.cluster.deviceCount
        })
      {
        issues.append(
          PlanIssue(
            kind: .devices, stage: index,
            message: "device \(outside) is not in the cluster of \(plan.cluster.deviceCount)"))
        continue
      }
      let placement = MeshPlacement(
        devices: stage.devices, shape: stage.logicalShape, spec: .replicated(rank: 0))
      if placement.submeshShape(on: plan.cluster) != stage.submesh {
        issues.append(
          PlanIssue(
            kind: .devices, stage: index,
            message: "devices \(stage.devices) do not form a \(stage.submesh) submesh"))
      }
      for device in stage.devices {
        if let other = owner[device], !(shared && plan.stages[other].devices == stage.devices) {
          issues.append(
            PlanIssue(
              kind: .devices, stage: index,
              message: "device \(device) is also used by stage \(other)"
            ))
          break
        }
        owner[device] = owner[device] ?? index
      }
    }
    return issues
  }

  /// Model chunks per device group: stages sharing one device list under interleaved 1F1B, 1
  /// otherwise.
  static func virtualStages(of plan: Plan) -> Int {
    guard plan.schedule == .interleavedOneFOneB, !plan.stages.isEmpty else { return 1 }
    let groups = Set(plan.stages.map(\.devices)).count
    return plan.stages.count % groups == 0 ? plan.stages.count / groups : 1
  }
}

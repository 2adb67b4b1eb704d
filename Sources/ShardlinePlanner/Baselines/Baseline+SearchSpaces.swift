import ShardlineHardware
import ShardlineSharding

/// Each baseline as the search spaces it runs.
extension Baseline {
  /// One search a baseline runs: the space, and the note its plan records (the grid point).
  struct Search: Sendable {
    var space: SearchSpace
    var note: String?
  }

  /// What a baseline's spaces depend on besides the cluster: the model's layers (with the
  /// planner's layering) and experts.
  struct ModelFacts: Sendable, Hashable {
    /// The model's name, for messages.
    var name: String
    /// Layers stages are made of.
    var layerCount: Int
    /// Experts per mixture-of-experts layer; `nil` for a dense model.
    var expertCount: Int?
  }

  /// Whether ``searches(on:facts:)`` needs ``ModelFacts`` (building the model's graph).
  var needsModelFacts: Bool {
    switch self {
    case .megatron, .deepspeedMoE, .interOpOnly: true
    case .zero2, .zero3, .ppDP, .intraOpOnly: false
    }
  }

  /// The searches this baseline runs on `cluster`; the planner keeps the best plan among them.
  ///
  /// - Parameter facts: The model's layer and expert counts; required when
  ///   ``needsModelFacts``.
  /// - Throws: ``PlannerError/invalidOption(_:)`` when the baseline cannot apply: DeepSpeed-MoE
  ///   on a dense model, or inter-op only with fewer layers than devices.
  func searches(on cluster: ClusterSpec, facts: ModelFacts?) throws(PlannerError) -> [Search] {
    let devices = cluster.deviceCount
    let whole = SubmeshShape(
      hostCount: cluster.hostCount, devicesPerHost: cluster.host.devicesPerHost)
    let column = LogicalMeshShape(rows: devices, columns: 1)
    switch self {
    case .megatron:
      // Never empty: dp = N·M, tp = 1, pp = 1 is always a point.
      let grid = MegatronGridPoint.grid(
        cluster: cluster, layerCount: Self.required(facts).layerCount)
      return grid.map { point in
        let shape = point.logicalShape
        return Search(
          space: SearchSpace(
            submeshes: [point.submesh(devicesPerHost: cluster.host.devicesPerHost)],
            logicalShapes: { _ in [shape] }, modes: [.megatron],
            stageCounts: point.pipelineParallel...point.pipelineParallel),
          note: point.description)
      }
    case .zero2, .zero3:
      return [
        Search(
          space: SearchSpace(
            submeshes: [whole], logicalShapes: { _ in [column] },
            modes: [self == .zero2 ? .zero2 : .zero3], stageCounts: 1...1))
      ]
    case .deepspeedMoE:
      let facts = Self.required(facts)
      guard let experts = facts.expertCount else {
        throw .invalidOption(
          "deepspeed-moe applies to MoE models; \(facts.name) has no expert layers")
      }
      // Expert parallelism over the largest group of devices whose size divides the experts
      // (axis 1), data parallelism over every device.
      let degree = Self.gcd(experts, devices)
      let shape =
        degree == devices || degree == 1
        ? column : LogicalMeshShape(rows: devices / degree, columns: degree)
      return [
        Search(
          space: SearchSpace(
            submeshes: [whole], logicalShapes: { _ in [shape] }, modes: [.expertParallel],
            stageCounts: 1...1),
          note: "\(experts) experts over \(degree) of \(devices) devices")
      ]
    case .ppDP:
      return [
        Search(
          space: SearchSpace(
            logicalShapes: { [LogicalMeshShape(rows: $0.deviceCount, columns: 1)] },
            modes: [.dataParallel]))
      ]
    case .interOpOnly:
      let facts = Self.required(facts)
      guard facts.layerCount >= devices else {
        throw .invalidOption(
          "inter-op-only needs a layer per device: \(facts.name) has \(facts.layerCount) layers "
            + "for \(devices) devices")
      }
      let single = LogicalMeshShape(rows: 1, columns: 1)
      return [
        Search(
          space: SearchSpace(
            submeshes: [SubmeshShape(hostCount: 1, devicesPerHost: 1)],
            logicalShapes: { _ in [single] }, modes: [.replicated],
            stageCounts: devices...devices))
      ]
    case .intraOpOnly:
      return [Search(space: SearchSpace(submeshes: [whole], stageCounts: 1...1))]
    }
  }

  private static func required(_ facts: ModelFacts?) -> ModelFacts {
    guard let facts else { preconditionFailure("this baseline needs the model's facts") }
    return facts
  }

  private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}

/// The order in which each schedule runs compute on a device group. The simulator times these
/// orders as given; it never reorders them.
extension PipelineSimulator {
  /// The compute steps of every device group, indexed by device group, in the order `schedule`
  /// runs them; each ends with the updates of the group's stages.
  ///
  /// - Precondition: The arguments passed ``validate(stages:microbatches:schedule:virtualStages:)``.
  public static func computeOrders(
    schedule: PipelineSchedule, stageCount: Int, microbatches: Int, virtualStages: Int
  ) -> [[PipelineStep]] {
    let deviceGroups = stageCount / virtualStages
    return (0..<deviceGroups).map { group in
      switch schedule {
      case .gpipe:
        gpipeOrder(stage: group, microbatches: microbatches)
      case .oneFOneB:
        oneFOneBOrder(stage: group, stageCount: stageCount, microbatches: microbatches)
      case .interleavedOneFOneB where virtualStages == 1:
        oneFOneBOrder(stage: group, stageCount: stageCount, microbatches: microbatches)
      case .interleavedOneFOneB:
        interleavedOrder(
          deviceGroup: group, deviceGroups: deviceGroups, virtualStages: virtualStages,
          microbatches: microbatches)
      }
    }
  }

  /// GPipe: F0 … F(B−1), then B(B−1) … B0 (the backward runs through the microbatches in the
  /// reverse of their forward order, GPipe Figure 2c), then the update.
  static func gpipeOrder(stage: Int, microbatches: Int) -> [PipelineStep] {
    var order: [PipelineStep] = []
    order.reserveCapacity(2 * microbatches + 1)
    for microbatch in 0..<microbatches { order.append(.forward(stage, microbatch)) }
    for microbatch in (0..<microbatches).reversed() { order.append(.backward(stage, microbatch)) }
    order.append(.update(stage))
    return order
  }

  /// 1F1B (PipeDream-Flush): w = min(S − s − 1, B) warm-up forwards, then B − w pairs of one
  /// forward and one backward, then the w remaining backwards, then the update.
  static func oneFOneBOrder(stage: Int, stageCount: Int, microbatches: Int) -> [PipelineStep] {
    let warmUp = min(stageCount - stage - 1, microbatches)
    var order: [PipelineStep] = []
    order.reserveCapacity(2 * microbatches + 1)
    for microbatch in 0..<warmUp { order.append(.forward(stage, microbatch)) }
    for pair in 0..<(microbatches - warmUp) {
      order.append(.forward(stage, warmUp + pair))
      order.append(.backward(stage, pair))
    }
    for microbatch in (microbatches - warmUp)..<microbatches {
      order.append(.backward(stage, microbatch))
    }
    order.append(.update(stage))
    return order
  }

  /// Megatron-LM's interleaved 1F1B for device group g of G hosting v chunks (stages g, g + G, …),
  /// as in `forward_backward_pipelining_with_interleaving`.
  ///
  /// The group runs B·v forwards and B·v backwards. Forward k is of chunk ⌊(k mod Gv) / G⌋ and
  /// microbatch G·⌊k / Gv⌋ + k mod G: chunk 0 for G microbatches, then chunk 1 for the same
  /// microbatches, and so on. Backward k is the same with the chunks in reverse. The group first
  /// runs w = min(2(G − g − 1) + (v − 1)·G, B·v) warm-up forwards (all B·v when B = G), then
  /// alternates forward k + w with backward k, then drains the remaining backwards; the updates of
  /// its chunks come last, last chunk first.
  static func interleavedOrder(
    deviceGroup: Int, deviceGroups: Int, virtualStages: Int, microbatches: Int
  ) -> [PipelineStep] {
    let total = microbatches * virtualStages
    let groupSize = deviceGroups * virtualStages
    func step(_ k: Int, forward: Bool) -> PipelineStep {
      let inGroup = k % groupSize
      let chunkInOrder = inGroup / deviceGroups
      let chunk = forward ? chunkInOrder : virtualStages - 1 - chunkInOrder
      let microbatch = (k / groupSize) * deviceGroups + inGroup % deviceGroups
      let stage = chunk * deviceGroups + deviceGroup
      return forward ? .forward(stage, microbatch) : .backward(stage, microbatch)
    }
    let warmUp =
      microbatches == deviceGroups
      ? total
      : min(2 * (deviceGroups - deviceGroup - 1) + (virtualStages - 1) * deviceGroups, total)
    var order: [PipelineStep] = []
    order.reserveCapacity(2 * total + virtualStages)
    for k in 0..<warmUp { order.append(step(k, forward: true)) }
    for k in 0..<(total - warmUp) {
      order.append(step(warmUp + k, forward: true))
      order.append(step(k, forward: false))
    }
    for k in (total - warmUp)..<total { order.append(step(k, forward: false)) }
    for chunk in (0..<virtualStages).reversed() {
      order.append(.update(chunk * deviceGroups + deviceGroup))
    }
    return order
  }
}

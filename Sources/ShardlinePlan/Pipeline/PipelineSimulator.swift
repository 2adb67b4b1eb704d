/// Simulates one training iteration of a synchronous pipeline to find its length, its bubble and
/// the activations each stage holds at its peak.
///
/// The model: each device group runs one compute task (forward, backward or update) at a time, in
/// the fixed order its ``PipelineSchedule`` dictates. Transfers between consecutive stages are
/// tasks of their own on the link leaving the sender, one at a time per direction in the order the
/// sender produced them, and never hold up the sender's compute. A task starts as soon as its
/// device group or link is free and its inputs are ready:
/// - the forward of microbatch m on stage s > 0 needs stage s − 1's forward of m and its transfer;
/// - the backward of m on stage s needs its own forward of m and, for s < S − 1, stage s + 1's
///   backward of m and the transfer of its gradient;
/// - a transfer needs the compute that produced it;
/// - a stage's update comes after every backward of its device group.
///
/// A transfer of zero seconds is omitted from the timeline; the receiver then waits on the sender's
/// compute directly.
public enum PipelineSimulator {
  /// Simulates one iteration of `microbatches` microbatches through `stages` under `schedule`.
  ///
  /// Under ``PipelineSchedule/interleavedOneFOneB`` the S stages are virtual stages spread over
  /// G = S / v device groups, stage s on group s mod G (group g hosts chunks g, g + G, …), and B
  /// must be a multiple of G; with v = 1 the schedule is plain 1F1B, as in Megatron-LM. The other
  /// schedules place one stage on each device group and take v = 1 only.
  ///
  /// Closed forms, with no transfers and no updates:
  /// - S equal stages of forward t_f and backward t_b: GPipe and 1F1B both take
  ///   (B + S − 1)·(t_f + t_b); interleaving v equal chunks per group takes
  ///   B·(t_f + t_b) + (G − 1)·(t_f + t_b)/v (Megatron-LM SC'21 §2.2.2).
  /// - GPipe is two flow shops of B identical jobs: Σ t_f + (B − 1)·max t_f + Σ t_b +
  ///   (B − 1)·max t_b. That is Alpa's Σ (t_f + t_b) + (B − 1)·max (t_f + t_b) (Alpa, OSDI
  ///   2022, §5.1) when one stage is slowest both ways; that estimate bounds neither schedule in
  ///   general (1F1B runs below it with a slow first stage and above it with some mixes).
  /// - No schedule beats max_j [Σ_{i<j} (t_f,i + t_b,i) + B·(t_f,j + t_b,j)]: stage j waits for
  ///   microbatch 0's forward, runs 2B passes one at a time, and its last gradient still has to
  ///   go back through the stages before it.
  ///
  /// - Parameters:
  ///   - stages: Timing of each (virtual) stage, from the model's input to its loss.
  ///   - microbatches: Microbatches per iteration, B ≥ 1.
  ///   - schedule: The order of each device group's compute.
  ///   - virtualStages: Chunks per device group, v ≥ 1; more than 1 only when interleaved.
  /// - Returns: The timeline of every task with the iteration's measures.
  /// - Throws: ``PipelineError`` when there are no stages, B < 1, a time is negative or not
  ///   finite, or v does not fit the schedule, S or B.
  /// - Complexity: O(S·B) time and memory, plus O(S·B·log(S·B)) to sort the tasks.
  public static func simulate(
    stages: [StageTiming], microbatches: Int, schedule: PipelineSchedule, virtualStages: Int = 1
  ) throws(PipelineError) -> PipelineTimeline {
    try validate(
      stages: stages, microbatches: microbatches, schedule: schedule,
      virtualStages: virtualStages)
    let orders = computeOrders(
      schedule: schedule, stageCount: stages.count, microbatches: microbatches,
      virtualStages: virtualStages)
    var engine = PipelineEngine(
      stages: stages, microbatches: microbatches, computeOrders: orders)
    engine.run()
    let timeline = timeline(
      tasks: engine.sortedTasks(), orders: orders, stageCount: stages.count,
      microbatches: microbatches, schedule: schedule, virtualStages: virtualStages)
    timeline.checkInvariants()
    return timeline
  }

  /// Throws the first reason the arguments cannot be simulated.
  static func validate(
    stages: [StageTiming], microbatches: Int, schedule: PipelineSchedule, virtualStages: Int
  ) throws(PipelineError) {
    guard !stages.isEmpty else { throw .noStages }
    guard microbatches >= 1 else { throw .invalidMicrobatchCount(microbatches) }
    for (stage, timing) in stages.enumerated() {
      let fields: [(String, Double)] = [
        ("forwardSeconds", timing.forwardSeconds), ("backwardSeconds", timing.backwardSeconds),
        ("updateSeconds", timing.updateSeconds),
        ("sendForwardSeconds", timing.sendForwardSeconds),
        ("sendBackwardSeconds", timing.sendBackwardSeconds),
      ]
      for (field, seconds) in fields where !(seconds.isFinite && seconds >= 0) {
        throw .invalidTime(stage: stage, field: field, seconds: seconds)
      }
    }
    guard virtualStages >= 1 else { throw .invalidVirtualStageCount(virtualStages) }
    guard virtualStages == 1 || schedule == .interleavedOneFOneB else {
      throw .virtualStagesNeedInterleaving(schedule: schedule, virtualStages: virtualStages)
    }
    guard stages.count % virtualStages == 0 else {
      throw .stagesNotDivisible(stages: stages.count, virtualStages: virtualStages)
    }
    let deviceGroups = stages.count / virtualStages
    guard virtualStages == 1 || microbatches % deviceGroups == 0 else {
      throw .microbatchesNotDivisible(microbatches: microbatches, deviceGroups: deviceGroups)
    }
  }

  /// Measures busy time, bubble and peak in-flight microbatches of the sorted `tasks`.
  private static func timeline(
    tasks: [PipelineTask], orders: [[PipelineStep]], stageCount: Int, microbatches: Int,
    schedule: PipelineSchedule, virtualStages: Int
  ) -> PipelineTimeline {
    var busy = [Double](repeating: 0, count: orders.count)
    var iteration = 0.0
    for task in tasks {
      iteration = max(iteration, task.endSeconds)
      if task.kind.isCompute { busy[task.deviceGroup] += task.durationSeconds }
    }
    let capacity = Double(orders.count) * iteration
    let bubble = capacity > 0 ? max(0, 1 - busy.reduce(0, +) / capacity) : 0

    // A device group's compute is serial, so its order is its time order: walking it sees each
    // forward start after every earlier backward has ended.
    var inFlight = [Int](repeating: 0, count: stageCount)
    var peak = inFlight
    var groupPeak = [Int](repeating: 0, count: orders.count)
    for (group, order) in orders.enumerated() {
      var groupInFlight = 0
      for step in order {
        switch step.kind {
        case .forward:
          inFlight[step.stage] += 1
          groupInFlight += 1
          peak[step.stage] = max(peak[step.stage], inFlight[step.stage])
          groupPeak[group] = max(groupPeak[group], groupInFlight)
        case .backward:
          inFlight[step.stage] -= 1
          groupInFlight -= 1
        case .update, .sendForward, .sendBackward: break
        }
      }
    }
    return PipelineTimeline(
      schedule: schedule, stageCount: stageCount, virtualStages: virtualStages,
      microbatches: microbatches, tasks: tasks, iterationSeconds: iteration, busySeconds: busy,
      bubbleFraction: bubble, peakInFlightMicrobatches: peak, peakInFlightPerDeviceGroup: groupPeak)
  }
}

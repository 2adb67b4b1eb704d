import Foundation

/// The simulated timeline of one training iteration of a pipeline: every task with its start and
/// end, and the measures a planner compares schedules by.
///
/// Produced by ``PipelineSimulator/simulate(stages:microbatches:schedule:virtualStages:)``. Stages
/// are numbered 0 ..< ``stageCount`` from the model's input; under
/// ``PipelineSchedule/interleavedOneFOneB`` they are virtual stages (model chunks) placed
/// round-robin on ``deviceGroupCount`` device groups, and otherwise each stage is its own device
/// group.
public struct PipelineTimeline: Sendable, Codable, Hashable, CustomStringConvertible {
  /// The schedule simulated.
  public var schedule: PipelineSchedule
  /// Stages (virtual stages when interleaved), S.
  public var stageCount: Int
  /// Model chunks per device group, v; 1 unless interleaved.
  public var virtualStages: Int
  /// Microbatches per iteration, B.
  public var microbatches: Int
  /// Every task, sorted by start time, then stage, then kind (in ``PipelineTaskKind`` order),
  /// then microbatch.
  public var tasks: [PipelineTask]
  /// When the last task ends, in seconds: the time of one iteration.
  public var iterationSeconds: Double
  /// Compute time (forward, backward and update) of each device group, in seconds, indexed by
  /// device group; a device group is a stage unless interleaved.
  public var busySeconds: [Double]
  /// The idle share of the device groups' time: 1 − Σ ``busySeconds`` / (device groups ×
  /// ``iterationSeconds``); 0 for an iteration of zero length.
  public var bubbleFraction: Double
  /// Per stage, the most microbatches whose forward had started there and whose backward had not
  /// yet finished at any one time. Activation memory scales with it: B under GPipe and
  /// min(S − s, B) for stage s under 1F1B.
  public var peakInFlightMicrobatches: [Int]
  /// Per device group, the most (chunk, microbatch) pairs in flight at once over all the chunks it
  /// hosts: its activation memory in units of one chunk's activations for one microbatch. Equal to
  /// ``peakInFlightMicrobatches`` unless interleaved.
  public var peakInFlightPerDeviceGroup: [Int]

  /// Creates a timeline from its parts; ``PipelineSimulator`` is the usual source.
  public init(
    schedule: PipelineSchedule, stageCount: Int, virtualStages: Int, microbatches: Int,
    tasks: [PipelineTask], iterationSeconds: Double, busySeconds: [Double],
    bubbleFraction: Double, peakInFlightMicrobatches: [Int], peakInFlightPerDeviceGroup: [Int]
  ) {
    self.schedule = schedule
    self.stageCount = stageCount
    self.virtualStages = virtualStages
    self.microbatches = microbatches
    self.tasks = tasks
    self.iterationSeconds = iterationSeconds
    self.busySeconds = busySeconds
    self.bubbleFraction = bubbleFraction
    self.peakInFlightMicrobatches = peakInFlightMicrobatches
    self.peakInFlightPerDeviceGroup = peakInFlightPerDeviceGroup
  }

  /// Device groups, S / v: the stages themselves unless interleaved.
  public var deviceGroupCount: Int { stageCount / virtualStages }

  /// `1f1b: 4 stages × 8 microbatches in 1.1 s, bubble 27.3%`; interleaved timelines name their
  /// device groups too (`8 stages on 4 device groups × 8 microbatches …`).
  public var description: String {
    let stages = Self.count(stageCount, "stage")
    let placement =
      virtualStages == 1
      ? stages : "\(stages) on \(Self.count(deviceGroupCount, "device group"))"
    return "\(schedule): \(placement) × \(Self.count(microbatches, "microbatch")) in "
      + "\(Self.seconds(iterationSeconds)) s, bubble \(String(format: "%.1f", bubbleFraction * 100))%"
  }

  /// `1 stage`, `4 stages`, `1 microbatch`, `8 microbatches`.
  private static func count(_ value: Int, _ noun: String) -> String {
    value == 1 ? "1 \(noun)" : "\(value) \(noun)\(noun.hasSuffix("h") ? "es" : "s")"
  }

  /// `value` with six significant digits, independent of locale, for stable descriptions.
  static func seconds(_ value: Double) -> String {
    String(format: "%.6g", value)
  }
}

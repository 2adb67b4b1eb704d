import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter

/// The runtime's fixed cost per instruction: what a device spends on ops or collectives too
/// small to cost anything but their dispatch.
public struct OverheadSample: Sendable, Hashable, Codable {
  /// What was repeated: `op` (a one-element `add` and its free) or `all-reduce` (a
  /// one-element all-reduce and its free).
  public var subject: String
  /// Devices running at once.
  public var devices: Int
  /// Instructions each device ran (each op or collective and its free are two).
  public var instructions: Int
  /// Median over devices of the wall time from the first repeated instruction to the last,
  /// in seconds.
  public var seconds: Double
  /// Each device's shortest op or collective instruction alone (without its free or the
  /// loop around it), the median over devices, in seconds.
  public var bestInstructionSeconds: Double

  /// Creates a sample; units are in the names.
  public init(
    subject: String, devices: Int, instructions: Int, seconds: Double,
    bestInstructionSeconds: Double
  ) {
    self.subject = subject
    self.devices = devices
    self.instructions = instructions
    self.seconds = seconds
    self.bestInstructionSeconds = bestInstructionSeconds
  }

  /// Seconds per instruction.
  public var secondsPerInstruction: Double { seconds / Double(instructions) }
  /// Seconds per op or collective together with the free of its result, the unit the cost
  /// model charges ``CPUCharacteristics/perOpOverheadSeconds`` for.
  public var secondsPerPair: Double { 2 * secondsPerInstruction }
}

/// Times programs of many tiny instructions on CPU devices (`shardline calibrate` and
/// `shardline bench runtime`).
public enum OverheadProbe {
  /// `count` one-element adds, each followed by the free of its result, on each of `devices`
  /// devices at once.
  ///
  /// - Throws: A ``RuntimeError`` if the run fails (it should not).
  public static func ops(count: Int, devices: Int) throws(RuntimeError) -> OverheadSample {
    let node = ProbeProgram.node(
      .binary(.add), operandCount: 2, type: TensorType([1], .f32), name: "probe/tiny")
    let programs = (0..<devices).map {
      ProbeProgram.repeatedOp(node, inputCount: 2, repeats: count, device: DeviceID($0))
    }
    let inputs = [HostTensor(shape: [1], storage: [1]), HostTensor(shape: [1], storage: [2])]
    let report = try ProbeProgram.run(programs, inputs: inputs)
    return sample("op", report: report, skipping: 2, devices: devices, count: count)
  }

  /// `count` one-element all-reduces over all `devices`, each followed by a free.
  ///
  /// - Throws: A ``RuntimeError`` if the run fails (it should not).
  public static func collectives(count: Int, devices: Int) throws(RuntimeError) -> OverheadSample {
    let group = DeviceGroup((0..<devices).map(DeviceID.init(rawValue:)))
    let programs = group.devices.map {
      ProbeProgram.repeatedCollective(.allReduce, group: group, repeats: count, device: $0)
    }
    let report = try ProbeProgram.run(programs, inputs: [HostTensor(shape: [1], storage: [1])])
    return sample("all-reduce", report: report, skipping: 1, devices: devices, count: count)
  }

  private static func sample(
    _ subject: String, report: ExecutionReport, skipping uploads: Int, devices: Int, count: Int
  ) -> OverheadSample {
    let spans = report.instructionSeconds.values.map { ranges in
      ranges[ranges.count - 1].upperBound - ranges[uploads].lowerBound
    }
    let repeated = (0..<count).map { uploads + 2 * $0 }
    return OverheadSample(
      subject: subject, devices: devices, instructions: 2 * count,
      seconds: ProbeProgram.median(spans),
      bestInstructionSeconds: ProbeProgram.bestSeconds(report, indices: repeated))
  }
}

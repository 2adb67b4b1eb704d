import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter

/// Times collectives and point-to-point messages between CPU devices, as communication samples
/// in the cost model's terms (``CommunicationSample``).
enum CollectiveProbe {
  /// The collectives measured, with the runtime operation on a 1-D tensor of each.
  static let operations: [(CollectiveKind, CollectiveOperation)] = [
    (.allReduce, .allReduce), (.allGather, .allGather(dimension: 0)),
    (.reduceScatter, .reduceScatter(dimension: 0)),
    (.allToAll, .allToAll(splitDimension: 0, concatDimension: 0)),
  ]

  /// `repeats` runs of `operation` on `devices` devices, each contributing about
  /// `bytesPerDevice` bytes (rounded to whole f32 elements that split evenly).
  ///
  /// A collective's time is taken from the last device's arrival to the last device's
  /// return, so that devices that arrive early do not count their wait; the median over
  /// repeats but the first.
  static func collective(
    _ kind: CollectiveKind, _ operation: CollectiveOperation, devices: Int, bytesPerDevice: Int,
    repeats: Int
  ) throws(RuntimeError) -> CommunicationSample {
    let elements = max(bytesPerDevice / 4 / devices, 1) * devices
    let group = DeviceGroup((0..<devices).map(DeviceID.init(rawValue:)))
    let programs = group.devices.map {
      ProbeProgram.repeatedCollective(operation, group: group, repeats: repeats + 1, device: $0)
    }
    let report = try ProbeProgram.run(
      programs, inputs: [ProbeProgram.tensor([elements], seed: 3)])
    let perDevice = Array(report.instructionSeconds.values)
    let times = (1...repeats).map { round -> Double in
      let calls = perDevice.map { $0[1 + 2 * round] }
      return calls.map(\.upperBound).max()! - calls.map(\.lowerBound).max()!
    }
    let contributed = Double(elements * 4)
    let bytes =
      switch kind {
      case .allGather, .allToAll: contributed * Double(devices)
      case .allReduce, .reduceScatter, .sendRecv: contributed
      }
    return sample(kind, devices: devices, bytes: bytes, seconds: ProbeProgram.median(times))
  }

  /// `repeats` round trips of a `bytes`-byte message between two devices; one message's time
  /// is half a round trip (the median over round trips but the first).
  static func sendReceive(bytes: Int, repeats: Int) throws(RuntimeError) -> CommunicationSample {
    let elements = max(bytes / 4, 1)
    let type = TensorType([elements], .f32)
    let programs = ProbeProgram.pingPong(
      type: type, repeats: repeats + 1, first: DeviceID(0), second: DeviceID(1))
    let report = try ProbeProgram.run(programs, inputs: [HostTensor.zeros(type)])
    guard let opening = report.instructionSeconds[DeviceID(0)] else {
      preconditionFailure("the ping-pong run reported no times for its first device")
    }
    let times = (1...repeats).map { round -> Double in
      let (sent, received) = (opening[1 + 3 * round], opening[2 + 3 * round])
      return (received.upperBound - sent.lowerBound) / 2
    }
    return sample(
      .sendRecv, devices: 2, bytes: Double(elements * 4), seconds: ProbeProgram.median(times))
  }

  /// A sample whose volume is the cost model's factor for `kind` on `devices` devices times B.
  private static func sample(_ kind: CollectiveKind, devices: Int, bytes: Double, seconds: Double)
    -> CommunicationSample
  {
    let unitLink = AxisCost(
      deviceCount: devices, latencySeconds: 0, secondsPerByte: 1, crossesHosts: false,
      linkName: "probe")
    return CommunicationSample(
      kind: kind.rawValue, devices: devices, bytes: bytes,
      volume: unitLink.time(of: kind, bytes: bytes), seconds: seconds)
  }
}

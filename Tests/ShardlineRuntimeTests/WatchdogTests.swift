import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlineRuntime
import Testing

@Suite("deadlocks and failures end the run with an error")
struct WatchdogTests {
  typealias F = RuntimeFixtures

  static let timeout = 0.3

  /// Programs for `count` devices that each upload a `[4]` tensor and all-reduce it over all,
  /// except `skipping`, which uploads and stops.
  static func allReduce(count: Int, skipping: DeviceID? = nil) -> [DeviceProgram] {
    let devices = F.devices(count)
    return devices.map { device in
      device == skipping
        ? DeviceProgram(device: device, instructions: [.upload(input: 0, into: BufferID(0))])
        : F.collectiveProgram(.allReduce, group: DeviceGroup(devices), device: device)
    }
  }

  static func inputs(_ count: Int) -> [DeviceID: [HostTensor]] {
    Dictionary(uniqueKeysWithValues: F.devices(count).map { ($0, [F.ramp([4], seed: 1)]) })
  }

  @Test("two devices each waiting for the other's message are reported by the watchdog")
  func receivesInACycle() async {
    let type = TensorType([2], .f32)
    let programs = [
      DeviceProgram(
        device: DeviceID(0),
        instructions: [
          .receive(type, from: DeviceID(1), tag: 5, into: BufferID(0)),
          .send(BufferID(0), to: DeviceID(1), tag: 6),
        ]),
      DeviceProgram(
        device: DeviceID(1),
        instructions: [
          .receive(type, from: DeviceID(0), tag: 6, into: BufferID(0)),
          .send(BufferID(0), to: DeviceID(0), tag: 5),
        ]),
    ]
    let result = await F.run(programs, timeoutSeconds: Self.timeout)
    guard case .failure(.deadlock(_, let blocked)) = result else {
      Issue.record("expected a deadlock, got \(result)")
      return
    }
    #expect(blocked.map(\.device) == [DeviceID(0), DeviceID(1)])
    #expect(blocked.map(\.instructionIndex) == [0, 0])
    #expect(blocked[0].waitingFor == "a message from d1 tag 5")
  }

  @Test("a message sent and never received, or received and never sent, is refused up front")
  func unmatchedMessages() async {
    let type = TensorType([2], .f32)
    let lost = [
      DeviceProgram(
        device: DeviceID(0),
        instructions: [
          .upload(input: 0, into: BufferID(0)), .send(BufferID(0), to: DeviceID(1), tag: 3),
        ]),
      DeviceProgram(device: DeviceID(1), instructions: []),
    ]
    let sent = await F.run(lost, inputs: [DeviceID(0): [F.ramp([2], seed: 1)]])
    #expect(
      sent
        == .failure(
          .invalidProgram(
            device: DeviceID(1), reason: "d0 sends 1 more message(s) under tag 3 than d1 receives"))
    )
    let waiting = [
      DeviceProgram(
        device: DeviceID(0),
        instructions: [.receive(type, from: DeviceID(1), tag: 5, into: BufferID(0))]),
      DeviceProgram(device: DeviceID(1), instructions: []),
    ]
    let received = await F.run(waiting)
    #expect(
      received
        == .failure(
          .invalidProgram(
            device: DeviceID(1), reason: "d0 receives 1 more message(s) under tag 5 than d1 sends"))
    )
  }

  @Test("a member that never reaches a collective is named by the members waiting for it")
  func memberSkipsCollective() async {
    let result = await F.run(
      Self.allReduce(count: 4, skipping: DeviceID(3)), inputs: Self.inputs(4),
      timeoutSeconds: Self.timeout)
    guard case .failure(.deadlock(_, let blocked)) = result else {
      Issue.record("expected a deadlock, got \(result)")
      return
    }
    #expect(blocked.map(\.device) == F.devices(3))
    #expect(blocked.allSatisfy { $0.instructionIndex == 1 })
    #expect(blocked.allSatisfy { $0.waitingFor == "d3 in all_reduce #0 on [d0,d1,d2,d3]" })
  }

  @Test("a failing device's error ends the run and releases the others at once")
  func failingDevice() async {
    let backend = CPUBackend(devices: F.devices(4), injectedFailures: [DeviceID(2): 1])
    let result = await F.run(
      Self.allReduce(count: 4), inputs: Self.inputs(4), timeoutSeconds: 60, backend: backend)
    guard case .failure(let error) = result,
      case .instruction(DeviceID(2), 1, _, let underlying) = error
    else {
      Issue.record("expected d2's failure, got \(result)")
      return
    }
    #expect(underlying == .deviceFailed(DeviceID(2), reason: "failure injected at call 1"))
    for device in F.devices(4) { #expect(backend.liveBufferCount(on: device) == 0) }
  }

  @Test("a failing op on one device ends the run while another waits for its message")
  func failingOp() async {
    let bad = Node(
      id: NodeID(0), op: .binary(.add), operands: [], type: TensorType([4], .f32), name: "bad/add",
      phase: .forward, layer: nil)
    let programs = [
      DeviceProgram(
        device: DeviceID(0),
        instructions: [
          .upload(input: 0, into: BufferID(0)),
          .run(bad, operands: [BufferID(0)], result: BufferID(1)),
          .send(BufferID(1), to: DeviceID(1), tag: 0),
        ]),
      DeviceProgram(
        device: DeviceID(1),
        instructions: [
          .receive(TensorType([4], .f32), from: DeviceID(0), tag: 0, into: BufferID(0))
        ]
      ),
    ]
    let result = await F.run(
      programs, inputs: [DeviceID(0): [F.ramp([4], seed: 0)]], timeoutSeconds: 60)
    guard case .failure(.instruction(DeviceID(0), 1, _, let underlying)) = result,
      case .invalidOp(DeviceID(0), "bad/add", _) = underlying
    else {
      Issue.record("expected d0's invalid op, got \(result)")
      return
    }
  }

  @Test("members calling different collectives are reported with both devices")
  func kindMismatch() async {
    let devices = F.devices(2)
    let group = DeviceGroup(devices)
    let programs = [
      F.collectiveProgram(.allReduce, group: group, device: devices[0]),
      F.collectiveProgram(.allGather(dimension: 0), group: group, device: devices[1]),
    ]
    let result = await F.run(programs, inputs: Self.inputs(2), timeoutSeconds: 60)
    guard case .failure(let error) = result,
      case .collectiveMismatch(group, 0, let device, _, let other, _) = error.underlying
    else {
      Issue.record("expected a collective mismatch, got \(result)")
      return
    }
    #expect(Set([device, other]) == Set(devices))
    #expect(error.description.contains("all_reduce on f32[4]"))
    #expect(error.description.contains("all_gather(0) on f32[4]"))
  }

  @Test("a program reading a buffer it never wrote is refused before anything runs")
  func undefinedBuffer() async {
    let programs = [
      DeviceProgram(device: DeviceID(0), instructions: [.download(BufferID(4))])
    ]
    let result = await F.run(programs)
    #expect(
      result
        == .failure(
          .instruction(
            device: DeviceID(0), index: 0, instruction: "download b4",
            error: .undefinedBuffer(device: DeviceID(0), buffer: BufferID(4)))))
  }

  @Test("cancelling the calling task stops a run that waits forever")
  func cancellation() async {
    let programs = [
      DeviceProgram(
        device: DeviceID(0),
        instructions: [
          .receive(TensorType([2], .f32), from: DeviceID(0), tag: 0, into: BufferID(0)),
          .send(BufferID(0), to: DeviceID(0), tag: 0),
        ]
      )
    ]
    let task = Task { await F.run(programs, timeoutSeconds: 60) }
    try? await Task.sleep(for: .milliseconds(100))
    task.cancel()
    let result = await task.value
    #expect(result == .failure(.cancelled))
  }
}

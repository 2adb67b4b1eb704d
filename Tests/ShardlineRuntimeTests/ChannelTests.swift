import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlineRuntime
import Testing

@Suite("point-to-point messages on the CPU backend")
struct ChannelTests {
  typealias F = RuntimeFixtures

  @Test("messages under many tags arrive by tag, whatever order they are received in")
  func manyTags() async throws {
    let (sender, receiver) = (DeviceID(0), DeviceID(1))
    let tags = Array(0..<40)
    let sends: [Instruction] = tags.flatMap { tag -> [Instruction] in
      [
        .upload(input: tag, into: BufferID(1)), .send(BufferID(1), to: receiver, tag: tag),
        .free(BufferID(1)),
      ]
    }
    let inputs = tags.map { F.ramp([2, 3], seed: $0) }
    let receives: [Instruction] = tags.reversed().flatMap { tag -> [Instruction] in
      [
        .receive(TensorType([2, 3], .f32), from: sender, tag: tag, into: BufferID(tag)),
        .download(BufferID(tag)),
      ]
    }
    let programs = [
      DeviceProgram(device: sender, instructions: sends),
      DeviceProgram(device: receiver, instructions: receives),
    ]
    let results = try await F.run(programs, inputs: [sender: inputs]).get()
    #expect(results[receiver] == tags.reversed().map { F.ramp([2, 3], seed: $0) })
    #expect(results[sender] == [])
  }

  @Test("messages on one tag arrive first sent, first received")
  func firstInFirstOut() async throws {
    let (sender, receiver) = (DeviceID(3), DeviceID(5))
    let type = TensorType([4], .f32)
    let programs = [
      DeviceProgram(
        device: sender,
        instructions: (0..<3).flatMap { i -> [Instruction] in
          [.upload(input: i, into: BufferID(i)), .send(BufferID(i), to: receiver, tag: 7)]
        }),
      DeviceProgram(
        device: receiver,
        instructions: (0..<3).flatMap { i -> [Instruction] in
          [.receive(type, from: sender, tag: 7, into: BufferID(i)), .download(BufferID(i))]
        }),
    ]
    let inputs = (0..<3).map { F.ramp([4], seed: $0) }
    let results = try await F.run(programs, inputs: [sender: inputs]).get()
    #expect(results[receiver] == inputs)
  }

  @Test("64 devices each all-reduce over all 64 and pass a tensor around a ring")
  func sixtyFourDevices() async throws {
    let devices = F.devices(64)
    let everyone = DeviceGroup(devices)
    let type = TensorType([16], .f32)
    let programs = devices.map { device in
      let next = DeviceID((device.rawValue + 1) % 64)
      let previous = DeviceID((device.rawValue + 63) % 64)
      return DeviceProgram(
        device: device,
        instructions: [
          .upload(input: 0, into: BufferID(0)),
          .collective(.allReduce, source: BufferID(0), group: everyone, result: BufferID(1)),
          .send(BufferID(0), to: next, tag: 1),
          .receive(type, from: previous, tag: 1, into: BufferID(2)),
          .download(BufferID(1)), .download(BufferID(2)),
        ])
    }
    let inputs = Dictionary(
      uniqueKeysWithValues: devices.map { ($0, [F.ramp([16], seed: $0.rawValue)]) })
    let results = try await F.run(programs, inputs: inputs).get()
    let total = HostTensor(shape: [16], storage: (0..<16).map { Float(100 * 2016 + 64 * $0) })
    for device in devices {
      let previous = DeviceID((device.rawValue + 63) % 64)
      #expect(results[device] == [total, inputs[previous]![0]])
    }
  }
}

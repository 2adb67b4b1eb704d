import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter

/// The small device programs calibration and the runtime benchmark time: one op or
/// collective repeated on buffers uploaded once, each result freed at once.
enum ProbeProgram {
  /// A node computing `op` into `type`, for a `run` instruction (its operand ids are unused).
  static func node(_ op: Op, operandCount: Int, type: TensorType, name: String) -> Node {
    Node(
      id: NodeID(operandCount), op: op, operands: (0..<operandCount).map { NodeID($0) },
      type: type, name: name, phase: .forward, layer: nil)
  }

  /// `[m, k] · [k, n]` in f32, the contraction over the left's columns and the right's rows.
  static func matmul(m: Int, n: Int, k: Int) -> Node {
    node(
      .dotGeneral(DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0])),
      operandCount: 2, type: TensorType([m, n], .f32), name: "probe/dot")
  }

  /// Uploads every input, then `repeats` times runs `node` on them and frees its result.
  ///
  /// Instruction `inputCount + 2·i` is the i-th run, the one after it its free.
  static func repeatedOp(_ node: Node, inputCount: Int, repeats: Int, device: DeviceID)
    -> DeviceProgram
  {
    let inputs = (0..<inputCount).map { BufferID($0) }
    let result = BufferID(inputCount)
    var instructions: [Instruction] = inputs.enumerated().map { .upload(input: $0, into: $1) }
    for _ in 0..<repeats {
      instructions.append(.run(node, operands: inputs, result: result))
      instructions.append(.free(result))
    }
    return DeviceProgram(device: device, instructions: instructions)
  }

  /// Uploads input 0, then `repeats` times takes part in `operation` on `group` and frees the
  /// result. Instruction `1 + 2·i` is the i-th collective.
  static func repeatedCollective(
    _ operation: CollectiveOperation, group: DeviceGroup, repeats: Int, device: DeviceID
  ) -> DeviceProgram {
    var instructions: [Instruction] = [.upload(input: 0, into: BufferID(0))]
    for _ in 0..<repeats {
      instructions.append(
        .collective(operation, source: BufferID(0), group: group, result: BufferID(1)))
      instructions.append(.free(BufferID(1)))
    }
    return DeviceProgram(device: device, instructions: instructions)
  }

  /// Ping-pong between `first` and `second`: `repeats` round trips of a `type` message, the
  /// first device sending and then receiving its reply. On the first device, instructions
  /// `1 + 3·i` to `3 + 3·i` are the i-th round trip (send, receive, free).
  static func pingPong(type: TensorType, repeats: Int, first: DeviceID, second: DeviceID)
    -> [DeviceProgram]
  {
    var opening: [Instruction] = [.upload(input: 0, into: BufferID(0))]
    var answering: [Instruction] = []
    for round in 0..<repeats {
      opening.append(.send(BufferID(0), to: second, tag: round))
      opening.append(.receive(type, from: second, tag: round, into: BufferID(1)))
      opening.append(.free(BufferID(1)))
      answering.append(.receive(type, from: first, tag: round, into: BufferID(0)))
      answering.append(.send(BufferID(0), to: first, tag: round))
      answering.append(.free(BufferID(0)))
    }
    return [
      DeviceProgram(device: first, instructions: opening),
      DeviceProgram(device: second, instructions: answering),
    ]
  }

  /// Runs `programs` on new CPU devices, each device's inputs `inputs`, and reports the run.
  static func run(_ programs: [DeviceProgram], inputs: [HostTensor]) throws(RuntimeError)
    -> ExecutionReport
  {
    let devices = programs.map(\.device)
    let execution = Execution(
      programs: programs, options: ExecutionOptions(watchdogTimeoutSeconds: 60))
    return try execution.reportWaiting(
      on: CPUBackend(devices: devices),
      inputs: Dictionary(uniqueKeysWithValues: devices.map { ($0, inputs) }))
  }

  /// A seeded f32 tensor of `shape` with values in [−1, 1).
  static func tensor(_ shape: [Int], seed: UInt64) -> HostTensor {
    var generator = SplitMix64(seed: seed)
    let count = shape.reduce(1, *)
    return HostTensor(
      shape: shape,
      storage: (0..<count).map { _ in Float(generator.unitInterval()) * 2 - 1 })
  }

  /// The median of `values`; 0 when empty.
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// Each device's shortest run of the instructions at `indices`, the median over devices.
  ///
  /// The devices repeat the same op back to back, so each run overlaps the others' and pays
  /// for sharing the machine with them. Keeping each device's best run, as STREAM keeps the
  /// best of its NTIMES trials (McCalpin, stream.c), drops the runs in which other programs
  /// took the core.
  static func bestSeconds(_ report: ExecutionReport, indices: [Int]) -> Double {
    median(
      report.instructionSeconds.values.map { ranges in
        indices.map { duration(ranges[$0]) }.min() ?? 0
      })
  }

  /// Seconds an instruction took.
  static func duration(_ range: ClosedRange<Double>) -> Double {
    range.upperBound - range.lowerBound
  }
}

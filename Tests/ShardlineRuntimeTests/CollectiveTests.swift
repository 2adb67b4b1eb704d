import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlineRuntime
import Testing

@Suite("collectives on the CPU backend")
struct CollectiveTests {
  typealias F = RuntimeFixtures

  static let operations: [CollectiveOperation] = [
    .allReduce, .allGather(dimension: 1), .reduceScatter(dimension: 0),
    .allToAll(splitDimension: 0, concatDimension: 1),
  ]

  /// What `operation` leaves on member `rank` of a group holding `inputs` (each `[8, 3]`),
  /// element by element from the definition.
  static func expected(_ operation: CollectiveOperation, _ inputs: [HostTensor], rank: Int)
    -> HostTensor
  {
    let n = inputs.count
    func sum(_ i: Int, _ j: Int) -> Float { inputs.reduce(0) { $0 + $1[i, j] } }
    switch operation {
    case .allReduce:
      return HostTensor(shape: [8, 3], storage: (0..<24).map { sum($0 / 3, $0 % 3) })
    case .allGather:
      let columns = 3 * n
      return HostTensor(
        shape: [8, columns],
        storage: (0..<8 * columns).map { inputs[$0 % columns / 3][$0 / columns, $0 % 3] })
    case .reduceScatter:
      let rows = 8 / n
      return HostTensor(
        shape: [rows, 3], storage: (0..<rows * 3).map { sum(rank * rows + $0 / 3, $0 % 3) })
    case .allToAll:
      let (rows, columns) = (8 / n, 3 * n)
      return HostTensor(
        shape: [rows, columns],
        storage: (0..<rows * columns).map { k in
          inputs[k % columns / 3][rank * rows + k / columns, k % 3]
        })
    }
  }

  @Test(
    "each collective on every group of a 2×4 mesh, all groups at once, equals the definition",
    arguments: MeshAxes.allCases, operations)
  func meshGroups(axes: MeshAxes, operation: CollectiveOperation) async throws {
    let devices = F.devices(8)
    let groups = DeviceGroup.meshGroups(
      of: devices, shape: LogicalMeshShape(rows: 2, columns: 4), along: axes)
    let inputs = Dictionary(
      uniqueKeysWithValues: devices.map { ($0, [F.ramp([8, 3], seed: $0.rawValue)]) })
    let programs = groups.flatMap { group in
      group.devices.map { F.collectiveProgram(operation, group: group, device: $0) }
    }
    let results = try await F.run(programs, inputs: inputs).get()
    for group in groups {
      let contributions = group.devices.map { inputs[$0]![0] }
      for (rank, device) in group.devices.enumerated() {
        #expect(results[device] == [Self.expected(operation, contributions, rank: rank)])
      }
    }
  }

  @Test("an all-reduce along axis 1 then one along axis 0 sums over the whole mesh")
  func bothAxesInTurn() async throws {
    let devices = F.devices(8)
    let shape = LogicalMeshShape(rows: 2, columns: 4)
    let rows = DeviceGroup.meshGroups(of: devices, shape: shape, along: .axis1)
    let columns = DeviceGroup.meshGroups(of: devices, shape: shape, along: .axis0)
    let programs = devices.map { device in
      DeviceProgram(
        device: device,
        instructions: [
          .upload(input: 0, into: BufferID(0)),
          .collective(
            .allReduce, source: BufferID(0), group: rows.first { $0.rank(of: device) != nil }!,
            result: BufferID(1)),
          .collective(
            .allReduce, source: BufferID(1),
            group: columns.first { $0.rank(of: device) != nil }!, result: BufferID(2)),
          .download(BufferID(2)),
        ])
    }
    let inputs = Dictionary(
      uniqueKeysWithValues: devices.map { ($0, [F.ramp([5], seed: $0.rawValue)]) })
    let results = try await F.run(programs, inputs: inputs).get()
    let total = HostTensor(shape: [5], storage: (0..<5).map { i in Float(2800 + 8 * i) })
    for device in devices { #expect(results[device] == [total]) }
  }

  @Test(
    "all-to-all splits one dimension and concatenates the received parts along another",
    arguments: [
      (0, 1, [[0, 1, 4, 5]], [[2, 3, 6, 7]]),
      (1, 0, [[0], [2], [4], [6]], [[1], [3], [5], [7]]),
    ] as [(Int, Int, [[Float]], [[Float]])])
  func allToAll(split: Int, concat: Int, first: [[Float]], second: [[Float]]) async throws {
    let devices = F.devices(2)
    let operation = CollectiveOperation.allToAll(splitDimension: split, concatDimension: concat)
    let programs = devices.map {
      F.collectiveProgram(operation, group: DeviceGroup(devices), device: $0)
    }
    let inputs = [
      devices[0]: [HostTensor(shape: [2, 2], storage: [0, 1, 2, 3])],
      devices[1]: [HostTensor(shape: [2, 2], storage: [4, 5, 6, 7])],
    ]
    let results = try await F.run(programs, inputs: inputs).get()
    func tensor(_ rows: [[Float]]) -> HostTensor {
      HostTensor(shape: [rows.count, rows[0].count], storage: rows.flatMap { $0 })
    }
    #expect(results[devices[0]] == [tensor(first)])
    #expect(results[devices[1]] == [tensor(second)])
  }

  @Test("the groups of a 2×4 mesh are its columns, its rows, or all devices row-major")
  func meshGroupShapes() {
    let devices = F.devices(8).map { DeviceID($0.rawValue + 10) }
    let shape = LogicalMeshShape(rows: 2, columns: 4)
    let describe = { (axes: MeshAxes) in
      DeviceGroup.meshGroups(of: devices, shape: shape, along: axes).map(\.description)
    }
    #expect(describe(.axis0) == ["[d10,d14]", "[d11,d15]", "[d12,d16]", "[d13,d17]"])
    #expect(describe(.axis1) == ["[d10,d11,d12,d13]", "[d14,d15,d16,d17]"])
    #expect(describe(.both) == ["[d10,d11,d12,d13,d14,d15,d16,d17]"])
  }
}

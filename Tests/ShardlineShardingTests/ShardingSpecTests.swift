import Foundation
import ShardlineIR
import ShardlineSharding
import Testing

@Suite("Sharding specs")
struct ShardingSpecTests {
  @Test(
    "specs print and parse in Alpa's notation with a partial-sum suffix",
    arguments: [
      ("S0R", 2), ("RS1", 2), ("S01R", 2), ("RRP1", 2), ("S0S1", 2), ("RS0RP1", 3), ("-", 0),
      ("-P01", 0),
    ])
  func roundTrip(text: String, rank: Int) throws {
    let spec = try #require(ShardingSpec(parsing: text))
    #expect(spec.dims.count == rank)
    #expect(spec.description == text)
  }

  @Test("malformed notation is rejected", arguments: ["S2R", "SR", "RRP2", "X", "S0RP"])
  func malformed(text: String) {
    #expect(ShardingSpec(parsing: text) == nil)
  }

  @Test("validity needs each axis once and divisible splits")
  func validity() {
    let mesh = MeshShape(2, 4)
    #expect(ShardingSpec([.axis0, .axis1]).isValid(for: [8, 8], on: mesh))
    #expect(!ShardingSpec([.axis0, .axis0]).isValid(for: [8, 8], on: mesh))
    #expect(!ShardingSpec([.axis1, .replicated]).isValid(for: [6, 8], on: mesh))
    #expect(!ShardingSpec([.axis0, .replicated], partialAxes: [0]).isValid(for: [8, 8], on: mesh))
    #expect(ShardingSpec([.both, .replicated]).localShape(of: [16, 3], on: mesh) == [2, 3])
  }

  @Test("an axis of size 1 splits nothing")
  func canonical() {
    let spec = ShardingSpec([.axis0, .both], partialAxes: [0])
    #expect(spec.canonical(on: MeshShape(1, 8)) == ShardingSpec([.replicated, .axis1]))
  }

  @Test("specs encode as their notation string")
  func json() throws {
    let data = try JSONEncoder().encode([ShardingSpec([.axis0, .replicated], partialAxes: [1])])
    #expect(String(decoding: data, as: UTF8.self) == #"["S0RP1"]"#)
    #expect(try JSONDecoder().decode([ShardingSpec].self, from: data)[0].partialAxes == [1])
  }
}

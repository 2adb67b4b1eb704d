import ShardlineHardware
import ShardlineIR
import ShardlineSharding
import Testing

@Suite("Resharding costs")
struct ReshardingTests {
  let context = ShardingFixtures.context(
    GraphBuilder(name: "empty").build(), 2, 4)
  /// 1024×1024 f32: 4 MiB.
  let type = TensorType([1024, 1024], .f32)
  let bytes = 4.0 * 1024 * 1024

  func kinds(_ from: String, _ to: String) -> [CollectiveKind] {
    context.resharding(type, from: ShardingSpec(parsing: from)!, to: ShardingSpec(parsing: to)!)
      .collectives.map(\.kind)
  }

  @Test("equal specs and pure slicing are free")
  func free() {
    #expect(kinds("S0R", "S0R").isEmpty)
    #expect(kinds("RR", "S0S1").isEmpty)
    #expect(kinds("S0R", "S0S1").isEmpty)
  }

  @Test("removing a split all-gathers the whole tensor over that axis")
  func allGather() {
    let resharding = context.resharding(
      type, from: ShardingSpec(parsing: "RS1")!, to: ShardingSpec(parsing: "RR")!)
    #expect(resharding.collectives.map(\.kind) == [.allGather])
    // B of an all-gather over axis 1 (4 devices) is the gathered size: 4 MiB.
    #expect(resharding.collectives[0].bytes == bytes)
    #expect(resharding.seconds == context.collective(.allGather, axes: [1], bytes: bytes).seconds)
  }

  @Test("moving a split to another dimension is an all-to-all")
  func allToAll() {
    #expect(kinds("S1R", "RS1") == [.allToAll])
  }

  @Test("a partial sum becomes a reduce-scatter when the target splits on its axis")
  func reduceScatter() {
    #expect(kinds("RRP1", "RS1") == [.reduceScatter])
    #expect(kinds("RRP1", "RR") == [.allReduce])
    #expect(kinds("RRP0", "S0R") == [.reduceScatter])
    // A reduce-scatter costs half an all-reduce on the same bytes.
    let scatter = context.resharding(
      type, from: ShardingSpec(parsing: "RRP1")!, to: ShardingSpec(parsing: "RS1")!)
    let reduce = context.resharding(
      type, from: ShardingSpec(parsing: "RRP1")!, to: ShardingSpec(parsing: "RR")!)
    #expect(scatter.seconds < reduce.seconds)
  }

  @Test("making a complete tensor partial is free")
  func toPartial() {
    #expect(kinds("RR", "RRP0").isEmpty)
  }
}

import ShardlineExplorer
import ShardlinePlan
import Testing

@Suite("Explorer fixture")
struct ExplorerFixtureTests {
  @Test("the fixture has several multi-layer stages on multi-device meshes")
  func shape() throws {
    let plan = try ExplorerFixture.fixture().plan
    print(plan.stages.map { "\($0.firstLayer)...\($0.lastLayer) \($0.submesh) \($0.logicalShape)" })
    #expect(plan.stages.count >= 2)
    #expect(plan.stages.allSatisfy { $0.devices.count == 4 })
    #expect(plan.stages.contains { $0.lastLayer > $0.firstLayer })
    let state = try ExplorerFixture.state()
    for line in ExplorerScreen.render(state, width: 80, height: 24).lines { print(line) }
    for line in ExplorerScreen.render(state, width: 160, height: 48).lines { print(line) }
  }
}

import ShardlineIR
import ShardlinePlan
import Testing

@Suite("Graph slices")
struct GraphSliceTests {
  @Test("identical blocks share a digest; the embedding, blocks and head differ")
  func digests() throws {
    let graph = try LayerPartitionTests.gpt(blocks: 3)
    let partition = try LayerPartition(graph: graph, layering: .model)
    let users = graph.users()
    let digests = (0..<partition.layerCount).map {
      GraphSlice(of: graph, members: partition.nodes(inLayers: $0...$0), users: users).digest
    }
    #expect(digests[1] == digests[2])
    #expect(digests[2] == digests[3])
    #expect(Set(digests).count == 3)
  }

  @Test("a slice is a valid graph whose boundary inputs stand for outside producers")
  func validSlice() throws {
    let graph = try LayerPartitionTests.gpt(blocks: 2)
    let partition = try LayerPartition(graph: graph, layering: .model)
    let members = partition.nodes(inLayers: 1...1)
    let slice = GraphSlice(of: graph, members: members, users: graph.users())
    try slice.graph.validate()
    #expect(!slice.boundaryInputs.isEmpty)
    for boundary in slice.boundaryInputs {
      let producer = slice.wholeGraphNodes[boundary.rawValue]
      #expect(!members.contains(producer))
      #expect(slice.sliceNodes[producer] == boundary)
      #expect(slice.graph[boundary].type == graph[producer].type)
    }
    let updated = slice.graph.outputs.filter { $0.role == .updatedParameter }
    #expect(!updated.isEmpty, "the block's parameter updates stay updates")
  }

  @Test("the whole graph as one slice keeps every node")
  func wholeGraph() throws {
    let graph = try LayerPartitionTests.gpt(blocks: 1)
    let slice = GraphSlice(of: graph, members: graph.nodes.map(\.id), users: graph.users())
    #expect(slice.graph.nodes.count == graph.nodes.count)
    #expect(slice.boundaryInputs.isEmpty)
    try slice.graph.validate()
  }
}

import ShardlineIR
import ShardlineInterpreter
import Testing

@Suite("gather and scatter_add kernels")
struct GatherKernelTests {
  typealias K = KernelTests

  // table = [[1 2 3] [4 5 6] [7 8 9] [10 11 12] [13 14 15]], shape [5, 3].
  let table = K.counting([5, 3])

  func lookup(_ ids: HostTensor) throws -> HostTensor {
    try K.evaluate([table, ids]) { g, v throws(IRError) in try g.embeddingLookup(v[0], ids: v[1]) }
  }

  @Test("gather as an embedding lookup")
  func embedding() throws {
    let y = try lookup(K.tensor([2, 2], [0, 4, 2, 2], .i32))
    #expect(y.shape == [2, 2, 3])
    #expect(y.storage == [1, 2, 3, 13, 14, 15, 7, 8, 9, 7, 8, 9])
  }

  @Test("gather clamps out-of-range start indices")
  func clamped() throws {
    // 7 → 4 (last row), -1 → 0.
    #expect(try lookup(K.tensor([2], [7, -1], .i32)).storage == [13, 14, 15, 1, 2, 3])
    // Index vectors of two components, slices of [1, 2]: (1, 1) reads [5 6];
    // (0, 2) has column start 2 > 3 - 2, clamped to 1: [2 3].
    let numbers = GatherDimensionNumbers(
      offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0, 1], indexVectorDim: 1,
      sliceSizes: [1, 2])
    let y = try K.evaluate([table, K.tensor([2, 2], [1, 1, 0, 2], .i32)]) { g, v throws(IRError) in
      try g.gather(v[0], v[1], numbers)
    }
    #expect(y.shape == [2, 2] && y.storage == [5, 6, 2, 3])
  }

  @Test("gather with the index vector first and an uncollapsed window")
  func indexVectorFirst() throws {
    // Indices [[3, 0]] with indexVectorDim 0 are two scalar indices 3 and 0 (startIndexMap [0]);
    // windows of [2, 3] rows, kept as a result dimension: rows 3–4, then 0–1.
    let numbers = GatherDimensionNumbers(
      offsetDims: [1, 2], collapsedSliceDims: [], startIndexMap: [0], indexVectorDim: 0,
      sliceSizes: [2, 3])
    let y = try K.evaluate([table, K.tensor([1, 2], [3, 0], .i32)]) { g, v throws(IRError) in
      try g.gather(v[0], v[1], numbers)
    }
    #expect(y.shape == [2, 2, 3])
    #expect(y.storage == [10, 11, 12, 13, 14, 15, 1, 2, 3, 4, 5, 6])
  }

  let rows = ScatterDimensionNumbers(
    updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0],
    indexVectorDim: 1)

  func scatter(_ ids: [Float], _ updates: HostTensor, _ numbers: ScatterDimensionNumbers? = nil)
    throws -> [Float]
  {
    let operand = HostTensor.zeros(shape: [4, 2])
    let indices = K.tensor([ids.count], ids, .i32)
    return try K.evaluate([operand, indices, updates]) { g, v throws(IRError) in
      try g.scatterAdd(v[0], v[1], v[2], numbers ?? rows)
    }.storage
  }

  @Test("scatter_add accumulates repeated indices")
  func repeated() throws {
    // Updates [1 2], [3 4], [5 6] at rows 1, 3, 1: row 1 = [1+5, 2+6], row 3 = [3, 4].
    let y = try scatter([1, 3, 1], K.counting([3, 2]), rows)
    #expect(y == [0, 0, 6, 8, 0, 0, 3, 4])
  }

  @Test("scatter_add skips out-of-bounds windows")
  func outOfBounds() throws {
    // Rows 4 and -1 are outside [0, 4): only [5 6] at row 2 lands.
    #expect(try scatter([4, -1, 2], K.counting([3, 2])) == [0, 0, 0, 0, 5, 6, 0, 0])
    // Windows of 2 rows (no inserted dims): starting at 3 would cover rows 3–4, so it is
    // skipped whole; starting at 1 adds the second window [[5 6] [7 8]] to rows 1–2.
    let windows = ScatterDimensionNumbers(
      updateWindowDims: [1, 2], insertedWindowDims: [], scatterDimsToOperandDims: [0],
      indexVectorDim: 1)
    let updates = K.counting([2, 2, 2])
    #expect(try scatter([3, 1], updates, windows) == [0, 0, 5, 6, 7, 8, 0, 0])
  }

  @Test("scatter_add adds into a non-zero operand")
  func intoOperand() throws {
    let operand = K.counting([3])
    let y = try K.evaluate([operand, K.tensor([2, 1], [2, 0], .i32), K.tensor([2], [10, 20])]) {
      g, v throws(IRError) in
      try g.scatterAdd(
        v[0], v[1], v[2],
        ScatterDimensionNumbers(
          updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0],
          indexVectorDim: 1))
    }
    // [1 2 3] + 10 at 2 + 20 at 0 = [21 2 13].
    #expect(y.storage == [21, 2, 13])
  }
}

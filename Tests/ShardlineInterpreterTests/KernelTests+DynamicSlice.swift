import ShardlineIR
import ShardlineInterpreter
import Testing

@Suite("Dynamic-slice kernels")
struct DynamicSliceKernelTests {
  typealias K = KernelTests

  func index(_ i: Float) -> HostTensor { HostTensor(scalar: i, dtype: .i32) }

  // x = [[1 2 3 4] [5 6 7 8] [9 10 11 12]].
  let x = K.counting([3, 4])

  func slice(_ row: Float, _ column: Float) throws -> [Float] {
    try K.evaluate([x, index(row), index(column)]) { g, v throws(IRError) in
      try g.dynamicSlice(v[0], start: [v[1], v[2]], sizes: [2, 2])
    }.storage
  }

  @Test("dynamic_slice reads the box at in-bounds starts")
  func inBounds() throws {
    #expect(try slice(1, 1) == [6, 7, 10, 11])
  }

  @Test("dynamic_slice clamps starts so the box stays inside")
  func clamped() throws {
    // Row start 5 → 3 - 2 = 1; column start -3 → 0.
    #expect(try slice(5, -3) == [5, 6, 9, 10])
    // Column start 3 → 4 - 2 = 2.
    #expect(try slice(0, 3) == [3, 4, 7, 8])
  }

  @Test("dynamic_update_slice writes the update, with clamped starts")
  func update() throws {
    let patch = K.tensor([1, 2], [-1, -2])
    func write(_ row: Float, _ column: Float) throws -> [Float] {
      try K.evaluate([x, patch, index(row), index(column)]) { g, v throws(IRError) in
        try g.dynamicUpdateSlice(v[0], v[1], start: [v[2], v[3]])
      }.storage
    }
    #expect(try write(1, 1) == [1, 2, 3, 4, 5, -1, -2, 8, 9, 10, 11, 12])
    // Row 7 → 2, column 9 → 4 - 2 = 2.
    #expect(try write(7, 9) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1, -2])
    // Row -1 → 0.
    #expect(try write(-1, 0) == [-1, -2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
  }
}

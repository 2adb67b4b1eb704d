import ShardlineIR
import ShardlineInterpreter
import Testing

@Suite("Data-movement kernels")
struct DataMovementKernelTests {
  typealias K = KernelTests

  @Test("broadcast_in_dim repeats size-1 and new dimensions")
  func broadcast() throws {
    // [1, 2, 3] along dimension 1 of [2, 3]: two copies of the row.
    let row = K.tensor([3], [1, 2, 3])
    let rows = try K.evaluate([row]) { g, v throws(IRError) in
      try g.broadcast(v[0], to: [2, 3], dimensions: [1])
    }
    #expect(rows.storage == [1, 2, 3, 1, 2, 3])
    // [10, 20] along dimension 0 of [2, 3]: each value fills its row.
    let column = K.tensor([2], [10, 20])
    let columns = try K.evaluate([column]) { g, v throws(IRError) in
      try g.broadcast(v[0], to: [2, 3], dimensions: [0])
    }
    #expect(columns.storage == [10, 10, 10, 20, 20, 20])
    // A [2, 1] operand broadcast to [2, 2, 2] via dimensions [0, 2]: x[i, 0] at [i, j, k].
    let tall = K.tensor([2, 1], [5, 7])
    let cube = try K.evaluate([tall]) { g, v throws(IRError) in
      try g.broadcast(v[0], to: [2, 2, 2], dimensions: [0, 2])
    }
    #expect(cube.storage == [5, 5, 5, 5, 7, 7, 7, 7])
    let scalar = try K.evaluate([HostTensor(scalar: 3)]) { g, v throws(IRError) in
      try g.broadcast(v[0], to: [2], dimensions: [])
    }
    #expect(scalar.storage == [3, 3])
  }

  @Test("reshape keeps row-major order")
  func reshape() throws {
    let x = K.counting([2, 3])
    let y = try K.evaluate([x]) { g, v throws(IRError) in try g.reshape(v[0], [3, 2]) }
    #expect(y.shape == [3, 2] && y.storage == [1, 2, 3, 4, 5, 6])
  }

  @Test("transpose permutes dimensions")
  func transpose() throws {
    // [[1, 2, 3], [4, 5, 6]]ᵀ = [[1, 4], [2, 5], [3, 6]].
    let x = K.counting([2, 3])
    let y = try K.evaluate([x]) { g, v throws(IRError) in try g.transpose(v[0], [1, 0]) }
    #expect(y.shape == [3, 2] && y.storage == [1, 4, 2, 5, 3, 6])
    // [2, 3, 4] with permutation [2, 0, 1]: result[k, i, j] = x[i, j, k] = 12i + 4j + k + 1.
    let z = K.counting([2, 3, 4])
    let w = try K.evaluate([z]) { g, v throws(IRError) in try g.transpose(v[0], [2, 0, 1]) }
    #expect(w.shape == [4, 2, 3])
    #expect(w[1, 1, 2] == 12 + 8 + 1 + 1)
    #expect(w[3, 0, 1] == 4 + 3 + 1)
  }

  @Test("reverse flips the given dimensions")
  func reverse() throws {
    let x = K.counting([2, 3])
    #expect(
      try K.evaluate([x]) { g, v throws(IRError) in try g.reverse(v[0], [1]) }.storage == [
        3, 2, 1, 6, 5, 4,
      ])
    #expect(
      try K.evaluate([x]) { g, v throws(IRError) in try g.reverse(v[0], [0, 1]) }.storage == [
        6, 5, 4, 3, 2, 1,
      ])
  }

  @Test("slice takes strided ranges")
  func slice() throws {
    // Rows 0..<2, columns 1, 3 (stride 2) of [[1 2 3 4] [5 6 7 8] [9 10 11 12]].
    let x = K.counting([3, 4])
    let y = try K.evaluate([x]) { g, v throws(IRError) in
      try g.slice(v[0], start: [0, 1], limit: [2, 4], strides: [1, 2])
    }
    #expect(y.shape == [2, 2] && y.storage == [2, 4, 6, 8])
  }

  @Test("concatenate joins along any dimension")
  func concatenate() throws {
    let a = K.counting([2, 2])
    let b = K.counting([2, 1], from: 10)
    let c = try K.evaluate([a, b]) { g, v throws(IRError) in try g.concatenate(v, dimension: 1) }
    #expect(c.shape == [2, 3] && c.storage == [1, 2, 10, 3, 4, 11])
    let d = try K.evaluate([a, K.counting([1, 2], from: 7)]) { g, v throws(IRError) in
      try g.concatenate(v, dimension: 0)
    }
    #expect(d.storage == [1, 2, 3, 4, 7, 8])
  }

  @Test("pad adds edge and interior padding")
  func padPositive() throws {
    // [1, 2, 3] with low 1, high 2, interior 1: 0 1 0 2 0 3 0 0 (padding value 0 shown as p=9).
    let x = K.counting([3])
    let y = try K.evaluate([x, HostTensor(scalar: 9)]) { g, v throws(IRError) in
      try g.pad(v[0], with: v[1], low: [1], high: [2], interior: [1])
    }
    #expect(y.storage == [9, 1, 9, 2, 9, 3, 9, 9])
  }

  @Test("pad with negative edges crops, also through interior padding")
  func padNegative() throws {
    // [1, 2, 3] interior 1 → 1 p 2 p 3; low -2 drops "1 p", high -1 drops "3": [2, p].
    let x = K.counting([3])
    let y = try K.evaluate([x, HostTensor(scalar: 0)]) { g, v throws(IRError) in
      try g.pad(v[0], with: v[1], low: [-2], high: [-1], interior: [1])
    }
    #expect(y.storage == [2, 0])
    // 2-D: [[1 2] [3 4]] with rows low -1 high 1 and columns low 1 high -1:
    // rows → [3 4], [p p]; columns → [p 3], [p p].
    let m = K.counting([2, 2])
    let z = try K.evaluate([m, HostTensor(scalar: -1)]) { g, v throws(IRError) in
      try g.pad(v[0], with: v[1], low: [-1, 1], high: [1, -1])
    }
    #expect(z.shape == [2, 2] && z.storage == [-1, 3, -1, -1])
    // low -3 with interior 1 on [1, 2, 3]: positions -3..: 1@-3 p 2@-1 p 3@1 → [p, 3] with high 0.
    let w = try K.evaluate([x, HostTensor(scalar: 0)]) { g, v throws(IRError) in
      try g.pad(v[0], with: v[1], low: [-3], high: [0], interior: [1])
    }
    #expect(w.storage == [0, 3])
  }
}

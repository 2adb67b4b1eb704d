import ShardlineIR
import ShardlineInterpreter
import Testing

@Suite("Reduction kernels")
struct ReduceKernelTests {
  typealias K = KernelTests

  // x = [[[1 2 3 4] [5 6 7 8] [9 10 11 12]] [[13 … 16] [17 … 20] [21 … 24]]], shape [2, 3, 4].
  let x = K.counting([2, 3, 4])

  func reduce(_ kind: ReductionKind, _ dimensions: [Int], _ input: HostTensor? = nil) throws
    -> HostTensor
  {
    try K.evaluate([input ?? x]) { g, v throws(IRError) in
      try g.reduce(v[0], kind, dimensions: dimensions)
    }
  }

  @Test("sum over the last, the first, a middle and all dimensions")
  func sum() throws {
    // Row sums: 1+2+3+4 = 10, 26, 42, 58, 74, 90.
    #expect(try reduce(.sum, [2]).storage == [10, 26, 42, 58, 74, 90])
    // Over dimension 0: x[0] + x[1] = 1+13 = 14, 16, …, 12+24 = 36.
    #expect(try reduce(.sum, [0]).storage == (0..<12).map { Float(14 + 2 * $0) })
    // Over dimension 1: 1+5+9 = 15, 18, 21, 24, then 13+17+21 = 51, 54, 57, 60.
    #expect(try reduce(.sum, [1]).storage == [15, 18, 21, 24, 51, 54, 57, 60])
    // Everything: 24·25/2 = 300.
    let total = try reduce(.sum, [0, 1, 2])
    #expect(total.shape == [] && total.storage == [300])
    // Dimensions 0 and 2: per middle index j, Σ over i, k = (10 + 16j) + (58 + 16j) = 68 + 32j.
    #expect(try reduce(.sum, [0, 2]).storage == [68, 100, 132])
  }

  @Test("max and min over dimensions, with NaN propagating")
  func extrema() throws {
    #expect(try reduce(.max, [2]).storage == [4, 8, 12, 16, 20, 24])
    #expect(try reduce(.min, [0, 2]).storage == [1, 5, 9])
    let withNaN = K.tensor([2, 2], [1, .nan, 3, 2])
    let maxima = try reduce(.max, [1], withNaN).storage
    #expect(maxima[0].isNaN && maxima[1] == 3)
    let minima = try reduce(.min, [0], withNaN).storage
    #expect(minima[0] == 1 && minima[1].isNaN)
  }

  @Test("empty reductions give 0, -infinity and +infinity")
  func empty() throws {
    let empty = HostTensor.zeros(shape: [2, 0])
    #expect(try reduce(.sum, [1], empty).storage == [0, 0])
    #expect(try reduce(.max, [1], empty).storage == [-.infinity, -.infinity])
    #expect(try reduce(.min, [1], empty).storage == [.infinity, .infinity])
  }

  @Test("reducing no dimensions is the identity")
  func noDimensions() throws {
    #expect(try reduce(.sum, []).storage == x.storage)
  }
}

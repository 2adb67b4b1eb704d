import ShardlineIR
import ShardlineInterpreter
import Testing

@Suite("HostTensor")
struct HostTensorTests {
  @Test("elements are row-major and addressable by index")
  func indexing() {
    var x = HostTensor(shape: [2, 3], storage: [1, 2, 3, 4, 5, 6])
    #expect(x[1, 0] == 4 && x[index: [0, 2]] == 3)
    x[1, 2] = 9
    #expect(x.storage.last == 9)
    #expect(x.type == TensorType([2, 3], .f32) && x.rank == 2 && x.elementCount == 6)
    #expect(x.strides == [3, 1])
  }

  @Test("zeros and scalars")
  func constructors() {
    #expect(HostTensor.zeros(shape: [2, 2], dtype: .i32).storage == [0, 0, 0, 0])
    let s = HostTensor(scalar: 3, dtype: .i32)
    #expect(s.shape == [] && s.scalar == 3 && s.dtype == .i32)
    #expect(HostTensor.zeros(TensorType([0, 3], .f32)).elementCount == 0)
  }

  func graph() throws -> Graph {
    let b = GraphBuilder(name: "init")
    let w = try b.weight("w", [64, 32], initializer: .normal(stddev: 0.5))
    let v = try b.weight("v", [64, 32], initializer: .normal(stddev: 0.5))
    let ids = try b.input("ids", TensorType([1000], .i32), initializer: .integers(upperBound: 7))
    let scale = try b.weight("scale", [3], initializer: .constant(1.5))
    let m = try b.input("m", TensorType([4], .f32))
    b.output(w)
    b.output(v)
    b.output(ids)
    b.output(scale)
    b.output(m)
    return b.build()
  }

  @Test("the same seed gives the same inputs, another seed others")
  func deterministic() throws {
    let g = try graph()
    #expect(
      HostTensor.initialInputs(for: g, seed: 42) == HostTensor.initialInputs(for: g, seed: 42))
    #expect(
      HostTensor.initialInputs(for: g, seed: 42)[0] != HostTensor.initialInputs(for: g, seed: 43)[0]
    )
  }

  @Test("a batch drawn for several microbatches stacks one draw per microbatch")
  func batchDraws() throws {
    let g = try graph()
    let once = HostTensor.initialInputs(for: g, seed: 42)
    let three = HostTensor.initialInputs(for: g, seed: 42, batchDraws: 3)
    #expect(three[2].shape == [3000])  // ids, a batch input
    #expect(Array(three[2].storage[..<1000]) == once[2].storage)
    #expect(
      Array(three[2].storage[1000..<2000])
        == HostTensor.initialInputs(for: g, seed: 43)[2].storage)
    #expect(three[0] == once[0] && three[3] == once[3])  // parameters drawn once
    #expect(HostTensor.initialInputs(for: g, seed: 42, batchDraws: 1) == once)
  }

  @Test("different inputs draw from different streams")
  func independentStreams() throws {
    let inputs = HostTensor.initialInputs(for: try graph(), seed: 42)
    #expect(inputs[0].storage != inputs[1].storage)
  }

  @Test("initializers give the right distributions and types")
  func distributions() throws {
    let inputs = HostTensor.initialInputs(for: try graph(), seed: 7)
    // Normal(0, 0.5²) over 2048 draws: mean within ±0.05, standard deviation within ±0.05.
    let w = inputs[0].storage.map(Double.init)
    let mean = w.reduce(0, +) / Double(w.count)
    let std = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(w.count)).squareRoot()
    #expect(abs(mean) < 0.05 && abs(std - 0.5) < 0.05)
    let ids = inputs[2]
    #expect(ids.dtype == .i32)
    #expect(ids.storage.allSatisfy { $0 >= 0 && $0 < 7 && $0 == $0.rounded() })
    #expect(Set(ids.storage).count == 7)
    #expect(inputs[3].storage == [1.5, 1.5, 1.5])
    #expect(inputs[4].storage == [0, 0, 0, 0])
  }

  @Test("SplitMix64 gives its published first outputs")
  func splitMix() {
    // Reference values of SplitMix64 seeded with 0.
    var g = SplitMix64(seed: 0)
    #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
  }
}

import Testing

@testable import ShardlineIR

@Suite("Type checking of ops")
struct TypeCheckerTests {
  let b = GraphBuilder(name: "t")

  @Test("dot_general gives batch, lhs free, then rhs free dimensions")
  func dotShape() throws {
    let q = try b.input("q", TensorType([2, 5, 4, 8], .f32))
    let k = try b.input("k", TensorType([2, 7, 4, 8], .f32))
    let scores = try b.dotGeneral(
      q, k,
      DotDimensionNumbers(
        lhsBatch: [0, 2], rhsBatch: [0, 2], lhsContracting: [3], rhsContracting: [3]))
    #expect(scores.shape == [2, 4, 5, 7])
  }

  @Test("a contracting-size mismatch is an error naming the op")
  func dotMismatch() throws {
    let x = try b.input("x", TensorType([3, 4], .f32))
    let w = try b.input("w", TensorType([5, 2], .f32))
    #expect(throws: IRError.self) { try b.scope("layer1") { try b.matmul(x, w) } }
    do {
      _ = try b.scope("layer1") { try b.matmul(x, w) }
    } catch {
      #expect("\(error)".contains("dot_general 'layer1/dot_general'"))
      #expect("\(error)".contains("contracting sizes differ"))
    }
  }

  @Test("binary ops need equal operand types")
  func binaryTypes() throws {
    let a = try b.input("a", TensorType([3], .f32))
    let c = try b.input("c", TensorType([3], .f16))
    #expect(throws: IRError.self) { try b.add(a, c) }
  }

  @Test("convolution output size follows strides, padding and dilation")
  func convolutionShape() throws {
    let x = try b.input("x", TensorType([2, 9, 9, 3], .f32))
    let k = try b.input("k", TensorType([3, 3, 3, 8], .f32))
    // (9 + 1 + 1 − 3) / 2 + 1 = 5
    let y = try b.convolution(x, k, .nhwc(strides: [2, 2], padding: [[1, 1], [1, 1]]))
    #expect(y.shape == [2, 5, 5, 8])
    var dilated = ConvolutionAttributes.nhwc()
    dilated.rhsDilation = [2, 2]
    // effective window 5: 9 − 5 + 1 = 5
    #expect(try b.convolution(x, k, dilated).shape == [2, 5, 5, 8])
  }

  @Test("grouped convolution checks the kernel's input features")
  func groupedConvolution() throws {
    let x = try b.input("x", TensorType([1, 4, 4, 6], .f32))
    let k = try b.input("k", TensorType([1, 1, 3, 4], .f32))
    #expect(try b.convolution(x, k, .nhwc(featureGroupCount: 2)).shape == [1, 4, 4, 4])
    #expect(throws: IRError.self) { try b.convolution(x, k, .nhwc(featureGroupCount: 3)) }
  }

  @Test("an embedding gather gives ids' shape plus the hidden size")
  func embeddingGather() throws {
    let table = try b.input("table", TensorType([10, 6], .f32))
    let ids = try b.input("ids", TensorType([2, 3], .i32))
    #expect(try b.embeddingLookup(table, ids: ids).shape == [2, 3, 6])
  }

  @Test("broadcast checks operand sizes against the result")
  func broadcastChecks() throws {
    let v = try b.input("v", TensorType([3], .f32))
    #expect(try b.broadcast(v, to: [2, 3]).shape == [2, 3])
    #expect(throws: IRError.self) { try b.broadcast(v, to: [3, 2]) }
  }

  @Test("slice, pad and concatenate shapes")
  func structuralShapes() throws {
    let x = try b.input("x", TensorType([4, 6], .f32))
    #expect(try b.slice(x, start: [1, 0], limit: [4, 6], strides: [2, 3]).shape == [2, 2])
    let zero = try b.scalar(0, .f32)
    // 6 + 1 + 2 + 5·1 interior = 14; 4 − 1 + 0 = 3
    #expect(
      try b.pad(x, with: zero, low: [-1, 1], high: [0, 2], interior: [0, 1]).shape == [3, 14])
    #expect(try b.concatenate([x, x], dimension: 1).shape == [4, 12])
    #expect(throws: IRError.self) { try b.slice(x, start: [0, 0], limit: [5, 6]) }
  }

  @Test("reshape keeps the element count")
  func reshapeCount() throws {
    let x = try b.input("x", TensorType([4, 6], .f32))
    #expect(try b.reshape(x, [2, 12]).shape == [2, 12])
    #expect(throws: IRError.self) { try b.reshape(x, [5, 5]) }
  }
}

@Suite("Gather type rules")
struct GatherTypeTests {
  @Test("a collapsed slice dimension must have slice size exactly 1")
  func collapsedSizeOne() throws {
    let b = GraphBuilder(name: "g")
    let table = try b.input("table", TensorType([10, 6], .f32))
    let ids = try b.input("ids", TensorType([3], .i32))
    let numbers = GatherDimensionNumbers(
      offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0], indexVectorDim: 1,
      sliceSizes: [0, 6])
    #expect(throws: IRError.self) { try b.gather(table, ids, numbers) }
  }
}

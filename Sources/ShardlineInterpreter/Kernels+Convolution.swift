import ShardlineIR

/// `convolution` by im2col and `sgemm`, for any number of spatial dimensions.
extension Kernels {
  /// `convolution` of `input` with `kernel` under StableHLO dimension numbers and window
  /// attributes, giving a tensor of `resultShape`.
  ///
  /// The input is brought to `[N, C, spatial…]` and the kernel to `[O, I, spatial…]` (copied
  /// only when not already in that order). For each batch item and feature group, the input
  /// patches are laid out as an `[I·window, outputPositions]` column matrix (im2col), where a
  /// position in the padded, lhs-dilated input that is padding or falls between dilated input
  /// elements reads 0; one `sgemm` with the group's `[O/G, I·window]` kernel rows then gives the
  /// group's `[O/G, outputPositions]` output. The `[N, O, spatial…]` result is finally permuted to
  /// the output layout. A 1×…×1 kernel with unit strides and no padding or dilation skips im2col.
  ///
  /// - Complexity: O(N·O·I·window·outputPositions) in `sgemm`, plus im2col's
  ///   O(N·C·window·outputPositions) copies.
  static func convolution(
    _ input: HostTensor, _ kernel: HostTensor, _ a: ConvolutionAttributes, resultShape: [Int]
  ) -> [Float] {
    let inputOrder = [a.inputBatchDimension, a.inputFeatureDimension] + a.inputSpatialDimensions
    let kernelOrder =
      [a.kernelOutputFeatureDimension, a.kernelInputFeatureDimension] + a.kernelSpatialDimensions
    let x = isInOrder(inputOrder, shape: input.shape) ? input.storage : transpose(input, inputOrder)
    let w =
      isInOrder(kernelOrder, shape: kernel.shape) ? kernel.storage : transpose(kernel, kernelOrder)
    let geometry = ConvolutionGeometry(
      input: inputOrder.map { input.shape[$0] }, kernel: kernelOrder.map { kernel.shape[$0] },
      output: a.outputSpatialDimensions.map { resultShape[$0] }, attributes: a)
    let channelsFirst = geometry.run(x, w)
    let outputOrder =
      [a.outputBatchDimension, a.outputFeatureDimension] + a.outputSpatialDimensions
    if isInOrder(outputOrder, shape: resultShape) { return channelsFirst }
    // `channelsFirst` dimension j is result dimension outputOrder[j].
    let sourceStrides = HostTensor.strides(of: outputOrder.map { resultShape[$0] })
    var strides = Array(repeating: 0, count: resultShape.count)
    for (j, d) in outputOrder.enumerated() { strides[d] = sourceStrides[j] }
    let source = HostTensor(shape: [channelsFirst.count], storage: channelsFirst)
    return strided(source, shape: resultShape, strides: strides)
  }
}

/// The sizes and window of one convolution in `[N, C, spatial…]` / `[O, I, spatial…]` layout.
private struct ConvolutionGeometry {
  let batch: Int
  let channels: Int
  let inputSpatial: [Int]
  let outputFeatures: Int
  let groupInputs: Int
  let window: [Int]
  let outputSpatial: [Int]
  let groups: Int
  let attributes: ConvolutionAttributes

  init(input: [Int], kernel: [Int], output: [Int], attributes: ConvolutionAttributes) {
    batch = input[0]
    channels = input[1]
    inputSpatial = Array(input[2...])
    outputFeatures = kernel[0]
    groupInputs = kernel[1]
    window = Array(kernel[2...])
    outputSpatial = output
    groups = attributes.featureGroupCount
    self.attributes = attributes
  }

  /// The `[N, O, spatial…]` result for `[N, C, spatial…]` input `x` and `[O, I, window…]` `w`.
  func run(_ x: [Float], _ w: [Float]) -> [Float] {
    let positions = outputSpatial.reduce(1, *)
    let rows = groupInputs * window.reduce(1, *)
    let groupOutputs = outputFeatures / groups
    var result = [Float](repeating: 0, count: batch * outputFeatures * positions)
    // With no input elements every window position is padding, so the result is zero.
    if result.isEmpty || rows == 0 || x.isEmpty { return result }
    let pointwise =
      window.allSatisfy { $0 == 1 } && attributes.windowStrides.allSatisfy { $0 == 1 }
      && attributes.lhsDilation.allSatisfy { $0 == 1 }
      && attributes.padding.allSatisfy { $0 == [0, 0] }
    let tables = pointwise ? [] : (0..<window.count).map(sourceTable)
    var columns = [Float](repeating: 0, count: pointwise ? 0 : rows * positions)
    let inputPlane = inputSpatial.reduce(1, *)
    x.withUnsafeBufferPointer { x in
      w.withUnsafeBufferPointer { w in
        result.withUnsafeMutableBufferPointer { out in
          columns.withUnsafeMutableBufferPointer { columns in
            for n in 0..<batch {
              for g in 0..<groups {
                let firstChannel = (n * channels + g * groupInputs) * inputPlane
                let patches: UnsafePointer<Float>
                if pointwise {
                  patches = x.baseAddress! + firstChannel
                } else {
                  im2col(x.baseAddress! + firstChannel, tables, into: columns.baseAddress!)
                  patches = UnsafePointer(columns.baseAddress!)
                }
                BLAS.sgemm(
                  m: groupOutputs, n: positions, k: rows,
                  a: BLAS.Operand(
                    base: w.baseAddress! + g * groupOutputs * rows, transposed: false,
                    leadingDimension: rows),
                  b: BLAS.Operand(base: patches, transposed: false, leadingDimension: positions),
                  c: out.baseAddress! + (n * outputFeatures + g * groupOutputs) * positions,
                  ldc: positions)
              }
            }
          }
        }
      }
    }
    return result
  }

  /// For spatial dimension `d`, the input index read by window index `k` at output index `o`,
  /// at `[k * outputSize + o]`, or -1 where that reads padding or a dilation hole.
  private func sourceTable(_ d: Int) -> [Int] {
    let a = attributes
    let (size, dilation) = (inputSpatial[d], a.lhsDilation[d])
    let dilatedSize = size == 0 ? 0 : (size - 1) * dilation + 1
    var table: [Int] = []
    table.reserveCapacity(window[d] * outputSpatial[d])
    for k in 0..<window[d] {
      for o in 0..<outputSpatial[d] {
        let position = o * a.windowStrides[d] + k * a.rhsDilation[d] - a.padding[d][0]
        let isInput = position >= 0 && position < dilatedSize && position % dilation == 0
        table.append(isInput ? position / dilation : -1)
      }
    }
    return table
  }

  /// Fills the `[groupInputs·window, positions]` column matrix from the group's first channel.
  private func im2col(
    _ x: UnsafePointer<Float>, _ tables: [[Int]], into columns: UnsafeMutablePointer<Float>
  ) {
    let n = window.count
    let inputStrides = HostTensor.strides(of: inputSpatial)
    let inputPlane = inputSpatial.reduce(1, *)
    let windowSize = window.reduce(1, *)
    let rowLength = outputSpatial[n - 1]
    let rowsPerPlane = outputSpatial.dropLast().reduce(1, *)
    let lastTable = tables[n - 1]
    var k = Array(repeating: 0, count: n)
    var destination = columns
    for channel in 0..<groupInputs {
      let plane = x + channel * inputPlane
      for _ in 0..<windowSize {
        var o = Array(repeating: 0, count: n - 1)
        for _ in 0..<rowsPerPlane {
          var offset = 0
          var valid = true
          for d in 0..<(n - 1) {
            let i = tables[d][k[d] &* outputSpatial[d] &+ o[d]]
            if i < 0 {
              valid = false
              break
            }
            offset &+= i &* inputStrides[d]
          }
          lastTable.withUnsafeBufferPointer { last in
            let entries = last.baseAddress! + k[n - 1] &* rowLength
            var j = 0
            while j < rowLength {
              let i = entries[j]
              destination[j] = valid && i >= 0 ? plane[offset &+ i] : 0
              j &+= 1
            }
          }
          destination += rowLength
          Self.increment(&o, sizes: outputSpatial)
        }
        Self.increment(&k, sizes: window)
      }
    }
  }

  /// Advances a row-major multi-index over `sizes` (its leading `index.count` entries), wrapping
  /// to all zeros after the last index.
  private static func increment(_ index: inout [Int], sizes: [Int]) {
    var d = index.count - 1
    while d >= 0 {
      index[d] += 1
      if index[d] < sizes[d] { return }
      index[d] = 0
      d -= 1
    }
  }
}

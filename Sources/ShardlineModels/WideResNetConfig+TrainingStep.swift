import ShardlineIR

extension WideResNetConfig {
  /// Emits the forward pass into `b` — batch inputs, weights and every layer — and returns
  /// the scalar loss.
  ///
  /// Batch inputs: `images` (f32 `[batch, imageSize, imageSize, 3]`, converted to the compute
  /// type) and `labels` (i32 `[batch]`).
  ///
  /// - Throws: ``ModelError`` for an invalid configuration, `IRError` if a shape is rejected.
  public func forward(_ b: GraphBuilder) throws -> Value {
    try validate()
    var x = try b.layer(0, named: "stem") {
      let images = try b.input(
        "images", TensorType([batch, imageSize, imageSize, 3], .f32), role: .batch,
        initializer: .normal(stddev: 1))
      let features = try b.conv2D(
        b.convert(images, to: b.computeType), outChannels: baseChannels, kernelSize: 7,
        stride: 2, label: "conv")
      return try b.maxPool(
        b.relu(b.batchNorm(features, featureDimension: 3, label: "bn")), window: 3, stride: 2)
    }
    var layer = 1
    for (s, blocks) in stages.enumerated() {
      for block in 0..<blocks {
        x = try b.layer(layer, named: "stage\(s)/block\(block)") {
          try bottleneck(
            x, filters: baseChannels << s, stride: stride(stage: s, block: block), builder: b)
        }
        layer += 1
      }
    }
    return try b.layer(layer, named: "head") {
      let labels = try b.input(
        "labels", TensorType([batch], .i32), role: .batch,
        initializer: .integers(upperBound: classes))
      let logits = try b.linear(b.globalAveragePool(x), classes, label: "fc")
      return try b.softmaxCrossEntropy(logits: logits, labels: labels)
    }
  }

  /// Builds the training step: forward pass, backward pass and optimizer update.
  ///
  /// - Throws: ``ModelError`` for an invalid configuration, `IRError` if a shape is rejected.
  public func trainingStep(options: TrainingOptions = TrainingOptions()) throws -> Graph {
    try TrainingStep.build(name: "wresnet", options: options, forward: forward)
  }

  /// One bottleneck block: 1×1 → 3×3 (widened, strided) → 1×1 to `4·filters`, batch norm after
  /// each, plus a projection shortcut when the channels or the resolution change.
  private func bottleneck(_ x: Value, filters: Int, stride: Int, builder b: GraphBuilder) throws
    -> Value
  {
    let reduced = try b.relu(
      b.batchNorm(
        b.conv2D(x, outChannels: filters, kernelSize: 1, label: "conv1"), featureDimension: 3,
        label: "bn1"))
    let spatial = try b.relu(
      b.batchNorm(
        b.conv2D(
          reduced, outChannels: filters * widthFactor, kernelSize: 3, stride: stride,
          label: "conv2"), featureDimension: 3, label: "bn2"))
    let expanded = try b.batchNorm(
      b.conv2D(spatial, outChannels: 4 * filters, kernelSize: 1, label: "conv3"),
      featureDimension: 3, label: "bn3")
    var residual = x
    if x.shape[3] != 4 * filters || stride != 1 {
      residual = try b.batchNorm(
        b.conv2D(x, outChannels: 4 * filters, kernelSize: 1, stride: stride, label: "conv_proj"),
        featureDimension: 3, label: "bn_proj")
    }
    return try b.relu(b.add(residual, expanded))
  }
}

import ShardlineIR

/// Strategies of `convolution`, the analogue of a matmul's (Alpa §4.1).
extension ShardingContext {
  /// Every way of giving each mesh axis to nothing, the batch, the output features (kernel
  /// output features) or the input features (a contraction: the result becomes a partial sum),
  /// named like a matmul's (`S0RRR = S0RRR × RRRR`).
  ///
  /// Spatial dimensions are never split (that would need halo exchanges). A grouped convolution
  /// (`featureGroupCount > 1`) splits only the batch and the output features: its kernel's
  /// input-feature dimension holds one group's features, so splitting the contraction would
  /// not split input and kernel alike.
  func convolutionStrategies(for id: NodeID, _ a: ConvolutionAttributes) -> [ShardingStrategy] {
    var loops = [
      IterationLoop(output: a.outputBatchDimension, operands: [a.inputBatchDimension, nil]),
      IterationLoop(
        output: a.outputFeatureDimension, operands: [nil, a.kernelOutputFeatureDimension]),
    ]
    if a.featureGroupCount == 1 {
      loops.append(
        IterationLoop(
          output: nil, operands: [a.inputFeatureDimension, a.kernelInputFeatureDimension],
          isReduction: true))
    }
    return loopStrategies(for: id, loops: loops) { output, operands in
      "\(output) = \(operands[0]) × \(operands[1])"
    }
  }
}

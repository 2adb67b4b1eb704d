import ShardlineInterpreter

/// The data movement of collectives on host tensors: sums, equal splits and concatenations along
/// one dimension.
extension HostTensor {
  /// The element-wise sum of tensors of one type, accumulated in rank order in `Float`.
  ///
  /// - Precondition: `tensors` is not empty and all have the same shape.
  static func sum(_ tensors: [HostTensor]) -> HostTensor {
    var result = tensors[0]
    for tensor in tensors.dropFirst() {
      precondition(tensor.shape == result.shape, "summing \(tensor.type) into \(result.type)")
      for i in result.storage.indices { result.storage[i] += tensor.storage[i] }
    }
    return result
  }

  /// Part `index` of the tensor cut into `count` equal parts along `dimension`.
  ///
  /// - Precondition: `count` divides the size of `dimension` and `index` is in `0..<count`.
  func part(_ index: Int, of count: Int, along dimension: Int) -> HostTensor {
    let size = shape[dimension]
    precondition(size % count == 0, "\(type) does not split into \(count) along \(dimension)")
    precondition(index >= 0 && index < count, "part \(index) of \(count)")
    let (outer, inner) = blockSizes(around: dimension)
    var partShape = shape
    partShape[dimension] = size / count
    let block = size / count * inner
    var storage: [Float] = []
    storage.reserveCapacity(outer * block)
    for o in 0..<outer {
      let start = o * size * inner + index * block
      storage.append(contentsOf: self.storage[start..<start + block])
    }
    return HostTensor(shape: partShape, dtype: dtype, storage: storage)
  }

  /// Tensors equal in every dimension but `dimension`, joined along it in order.
  ///
  /// - Precondition: `tensors` is not empty and their other dimensions agree.
  static func concatenate(_ tensors: [HostTensor], along dimension: Int) -> HostTensor {
    var shape = tensors[0].shape
    shape[dimension] = tensors.map { $0.shape[dimension] }.reduce(0, +)
    let (outer, _) = tensors[0].blockSizes(around: dimension)
    var storage: [Float] = []
    storage.reserveCapacity(shape.reduce(1, *))
    for o in 0..<outer {
      for tensor in tensors {
        let (_, inner) = tensor.blockSizes(around: dimension)
        let block = tensor.shape[dimension] * inner
        storage.append(contentsOf: tensor.storage[o * block..<(o + 1) * block])
      }
    }
    return HostTensor(shape: shape, dtype: tensors[0].dtype, storage: storage)
  }

  /// The number of elements in the dimensions before and after `dimension`.
  private func blockSizes(around dimension: Int) -> (outer: Int, inner: Int) {
    (shape[..<dimension].reduce(1, *), shape[(dimension + 1)...].reduce(1, *))
  }
}

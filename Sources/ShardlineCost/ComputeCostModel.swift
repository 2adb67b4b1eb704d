import ShardlineHardware
import ShardlineIR

/// Estimated time of one op on one device.
public struct OpTime: Sendable, Hashable {
  /// Floating-point operations performed.
  public var flops: Double
  /// Bytes read and written in device memory.
  public var bytes: Double
  /// Elements read plus elements written (see ``ComputeCostModel/elements(of:in:)``).
  public var elements: Double
  /// Time the arithmetic alone would take, in seconds.
  public var computeSeconds: Double
  /// Time the memory traffic alone would take, in seconds.
  public var memorySeconds: Double
  /// The estimate: the larger of the two plus the per-op overhead, in seconds.
  public var seconds: Double
}

/// Per-op compute time on a device, from a roofline with a size-dependent efficiency.
///
/// `time = max(flops / (peak · efficiency), bytes / (bandwidth · bandwidthEfficiency)) + overhead`
/// where matrix products and convolutions run at the tensor-core rate of their element type with
/// `efficiency = matmulPeakEfficiency · flops / (flops + matmulHalfEfficiencyFlops)`, and every
/// other op at the f32 rate times ``CostModelOptions/elementwiseEfficiency``. On a device that
/// measured how fast it gets through each kind of op (a calibrated CPU), the arithmetic of an op
/// other than a matrix product takes at least `elements / rate(kind)`.
public struct ComputeCostModel: Sendable {
  /// The device ops run on.
  public let device: DeviceProfile
  /// The model's knobs (device defaults filled in).
  public let options: CostModelOptions

  /// Creates a model for `device`, filling `nil` options with the device's defaults (the
  /// per-op overhead and the matmul half-efficiency point from the device when it has measured
  /// ones, as a calibrated CPU does).
  public init(device: DeviceProfile, options: CostModelOptions = CostModelOptions()) {
    self.device = device
    var filled = options
    let gpu = device.kind == .gpu
    filled.matmulPeakEfficiency = options.matmulPeakEfficiency ?? (gpu ? 0.8 : 0.9)
    filled.matmulHalfEfficiencyFlops =
      options.matmulHalfEfficiencyFlops ?? device.matmulHalfEfficiencyFlops ?? (gpu ? 2e8 : 1e6)
    filled.perOpOverheadSeconds =
      options.perOpOverheadSeconds ?? device.perOpOverheadSeconds ?? (gpu ? 5e-6 : 1e-6)
    self.options = filled
  }

  /// The precision whose peak a matrix product over `dtype` runs at.
  public static func precision(of dtype: DType) -> ComputePrecision {
    switch dtype {
    case .f16: .f16
    case .bf16: .bf16
    case .f32, .i32, .i64, .i1: .f32
    }
  }

  /// Efficiency of a matrix product or convolution of `flops` FLOPs, in (0, 1).
  public func matmulEfficiency(flops: Double) -> Double {
    let peak = options.matmulPeakEfficiency ?? 0.8
    let half = options.matmulHalfEfficiencyFlops ?? 2e8
    return peak * flops / (flops + half)
  }

  /// Time of an op of the given class, work and element type.
  ///
  /// On a device with a measured rate for the op's kind (``DeviceProfile/elementsPerSecondByOpKind``:
  /// a calibrated CPU, whose scalar kernels run a `tanh` or a max reduction far slower than a
  /// roofline says), the arithmetic time is at least the op's elements at that rate; and when
  /// the op's bytes fit in the device's share of the cache (``DeviceProfile/cacheBytes``) and its
  /// operands were made just before it, that rate alone prices it, since it was measured on such
  /// ops with their cache traffic.
  ///
  /// - Parameters:
  ///   - isMatmul: Whether the op is a matrix product or convolution (tensor-core work).
  ///   - flops: Floating-point operations.
  ///   - bytes: Bytes moved in device memory.
  ///   - dtype: The element type of the op's operands.
  ///   - kind: The op's kind name (``Op/kindName``), to look up a measured rate.
  ///   - elements: Elements the op reads plus elements it writes.
  ///   - freshOperands: Whether the op's operands were computed shortly before it (forward and
  ///     backward ops), so that they can still be in cache; an optimizer update reads
  ///     parameters and optimizer state last touched an iteration ago, from memory.
  public func time(
    isMatmul: Bool, flops: Double, bytes: Double, dtype: DType, kind: String? = nil,
    elements: Double = 0, freshOperands: Bool = true
  ) -> OpTime {
    let rate =
      isMatmul
      ? device.peakFlops(for: Self.precision(of: dtype)) * matmulEfficiency(flops: flops)
      : device.peakFlops(for: .f32) * options.elementwiseEfficiency
    var computeSeconds = flops > 0 ? flops / rate : 0
    var memorySeconds =
      bytes / (device.memoryBandwidthBytesPerSecond * options.memoryBandwidthEfficiency)
    if !isMatmul, elements > 0, let kind, let measured = device.elementsPerSecondByOpKind?[kind] {
      computeSeconds = max(computeSeconds, elements / measured)
      if freshOperands, let cache = device.cacheBytes, bytes <= Double(cache) { memorySeconds = 0 }
    }
    let work = max(computeSeconds, memorySeconds)
    let overhead = work > 0 ? options.perOpOverheadSeconds ?? 0 : 0
    return OpTime(
      flops: flops, bytes: bytes, elements: elements, computeSeconds: computeSeconds,
      memorySeconds: memorySeconds, seconds: work + overhead)
  }

  /// Time of node `id` of `graph` at its full (unsharded) size.
  public func time(of id: NodeID, in graph: Graph) -> OpTime {
    let node = graph[id]
    let isMatmul: Bool
    switch node.op {
    case .dotGeneral, .convolution: isMatmul = true
    default: isMatmul = false
    }
    let dtype = node.operands.first.map { graph[$0].type.dtype } ?? node.type.dtype
    return time(
      isMatmul: isMatmul, flops: graph.flops(of: id), bytes: graph.bytesAccessed(of: id),
      dtype: dtype, kind: node.op.kindName, elements: Self.elements(of: id, in: graph),
      freshOperands: node.phase != .update)
  }

  /// Elements node `id` reads plus elements it writes: the work a per-kind rate counts.
  public static func elements(of id: NodeID, in graph: Graph) -> Double {
    let node = graph[id]
    return Double(node.operands.reduce(node.type.elementCount) { $0 + graph[$1].type.elementCount })
  }
}

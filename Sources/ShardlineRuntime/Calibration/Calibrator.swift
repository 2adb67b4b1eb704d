import Foundation
import ShardlineCost
import ShardlineHardware

/// Measures this host through the CPU backend and draws the `cpu` profile from it
/// (`shardline calibrate`).
///
/// Everything is timed the way a plan's devices run: device threads executing programs on a
/// ``CPUBackend``, ops through the interpreter's kernels, one thread per core at once. What
/// the profile records:
/// - the per-op overhead: a one-element op and the free of its result;
/// - the f32 peak and the matmul efficiency curve: the cost model prices a product of F FLOPs
///   at F / (P·e·F/(F+h)) = (F + h)/(P·e), which is linear in F, so a line fitted to
///   `dot_general` instruction times at several sizes (less a tiny op's own instruction time,
///   which the per-op overhead already counts) gives P·e = 1/slope and h = intercept/slope,
///   with e the model's CPU peak efficiency;
/// - the memory bandwidth: all cores together in STREAM's add, as the interpreter runs it;
/// - a rate per op kind other than matrix products: every op of a few real training steps
///   (the `workloads`) evaluated by the interpreter's kernels, one thread per core at once,
///   elements read plus written over seconds, summed by kind (``OpKindProbe``). The kernels
///   are scalar loops whose speed varies by kind far more than a roofline allows: a max
///   reduction is bound by its compares, a `tanh` by its polynomial, a transpose by its strides
///   (with the size of the last-level cache, below which these rates alone price an op);
/// - the shared-memory link: α and β fitted to the collectives on groups within one host's
///   devices, in the cost model's α-β terms. Send/recv is measured and shown but left out of
///   the fit: the backend hands a message over without copying it, so its time hardly grows
///   with size, and one link cannot fit both (the cost model prices cross-stage transfers on
///   the same link, so it overestimates them on this backend).
public enum Calibrator {
  /// Runs every measurement, reporting each step's name to `progress` before it starts.
  ///
  /// - Parameters:
  ///   - options: Sizes and repeats.
  ///   - workloads: Training steps whose ops give the per-kind rates; none leaves every kind
  ///     priced by its FLOPs and bytes.
  ///   - progress: Told the name of each step before it starts.
  /// - Precondition: the options' sizes and repeats are positive and their thread counts
  ///   include their cores.
  /// - Throws: A ``RuntimeError`` if a probe run fails (it should not).
  public static func run(
    _ options: CalibrationOptions = CalibrationOptions(), workloads: [CalibrationWorkload] = [],
    progress: (String) -> Void = { _ in }
  ) throws(RuntimeError) -> CalibrationReport {
    precondition(
      options.matmulSizes.allSatisfy { $0 > 0 } && !options.matmulSizes.isEmpty
        && options.streamElements > 0 && options.repeats > 0 && options.overheadOps > 0
        && options.cores > 0,
      "calibration sizes must be positive")
    precondition(
      options.threadCounts.contains(options.cores), "the thread counts must include the cores")
    progress("per-op overhead")
    let overhead = try OverheadProbe.ops(count: options.overheadOps, devices: options.cores)
    var matmulBySize: [MatmulSample] = []
    for size in options.matmulSizes.sorted() {
      progress("dot_general \(size)³ on \(options.cores) thread(s)")
      matmulBySize.append(
        try MatmulProbe.measure(
          size: size, threads: options.cores, repeats: matmulRounds(size: size, options)))
    }
    var matmul: [MatmulSample] = []
    var elementwise: [ElementwiseSample] = []
    for threads in options.threadCounts {
      progress("dot_general \(options.largestMatmulSize)³ on \(threads) thread(s)")
      matmul.append(
        try MatmulProbe.measure(
          size: options.largestMatmulSize, threads: threads, repeats: options.repeats))
      for kernel in ElementwiseKernel.allCases {
        progress("\(kernel.rawValue) on \(threads) thread(s)")
        elementwise.append(
          try ElementwiseProbe.measure(
            kernel, elements: options.streamElements, threads: threads, repeats: options.repeats))
      }
    }
    progress("op kinds of " + workloads.map(\.name).joined(separator: ", "))
    let opKinds = OpKindProbe.measure(workloads, threads: options.cores, runs: 3)
    let communication = try measureCommunication(options, progress: progress)
    let matmulFit = AlphaBetaFit.fit(
      points: matmulBySize.map {
        (
          volume: $0.flopsPerProduct,
          seconds: $0.secondsPerProduct - overhead.bestInstructionSeconds
        )
      })
    let linkSamples = communication.filter {
      $0.kind != CollectiveKind.sendRecv.rawValue && options.linkGroupSizes.contains($0.devices)
    }
    let linkFit = AlphaBetaFit.fit(linkSamples)
    let characteristics = profile(
      options: options, matmul: matmul, matmulFit: matmulFit, elementwise: elementwise,
      opKinds: opKinds, linkFit: linkFit, overhead: overhead)
    return CalibrationReport(
      options: options, matmul: matmul, matmulBySize: matmulBySize, matmulFit: matmulFit,
      elementwise: elementwise, opKinds: opKinds, communication: communication,
      overhead: overhead, linkFit: linkFit, characteristics: characteristics)
  }

  /// Repeats of an n³ product: the options' repeats, and more for small products (up to 200,
  /// about 2·10⁸ FLOPs in all), which take microseconds, so that a run free of other programs
  /// is likely among them.
  static func matmulRounds(size: Int, _ options: CalibrationOptions) -> Int {
    let flops = 2 * pow(Double(size), 3)
    return max(options.repeats, min(200, Int(2e8 / flops)))
  }

  private static func measureCommunication(
    _ options: CalibrationOptions, progress: (String) -> Void
  ) throws(RuntimeError) -> [CommunicationSample] {
    var samples: [CommunicationSample] = []
    for devices in options.groupSizes {
      for (kind, operation) in CollectiveProbe.operations {
        progress("\(kind.rawValue) on \(devices) devices")
        for bytes in options.messageBytes {
          samples.append(
            try CollectiveProbe.collective(
              kind, operation, devices: devices, bytesPerDevice: bytes,
              repeats: options.repeats))
        }
      }
    }
    progress("send/recv")
    for bytes in options.messageBytes {
      samples.append(try CollectiveProbe.sendReceive(bytes: bytes, repeats: options.repeats))
    }
    return samples
  }

  /// The profile drawn from the measurements (see ``Calibrator``). Without a matmul fit, the
  /// peak is the largest product's rate over the default curve's efficiency at its size.
  static func profile(
    options: CalibrationOptions, matmul: [MatmulSample], matmulFit: AlphaBetaFit?,
    elementwise: [ElementwiseSample], opKinds: [OpKindRate], linkFit: AlphaBetaFit?,
    overhead: OverheadSample
  ) -> CPUCharacteristics {
    let nominal = CPUCharacteristics.nominal
    guard let product = matmul.first(where: { $0.threads == options.cores }),
      let add = elementwise.first(where: { $0.kernel == .add && $0.threads == options.cores })
    else {
      preconditionFailure("calibration measured nothing with one thread per core")
    }
    let defaultModel = ComputeCostModel(device: .cpu())
    let peakEfficiency = defaultModel.options.matmulPeakEfficiency ?? 1
    let peak: Double
    let halfEfficiencyFlops: Double?
    if let matmulFit {
      peak = matmulFit.bandwidthBytesPerSecond / peakEfficiency
      halfEfficiencyFlops = matmulFit.latencySeconds * matmulFit.bandwidthBytesPerSecond
    } else {
      peak =
        product.flopsPerSecondPerThread
        / defaultModel.matmulEfficiency(flops: product.flopsPerProduct)
      halfEfficiencyFlops = nil
    }
    let rates = Dictionary(uniqueKeysWithValues: opKinds.map { ($0.kind, $0.elementsPerSecond) })
    return CPUCharacteristics(
      coreCount: options.cores, f32FlopsPerSecondPerCore: peak, memoryBytes: nominal.memoryBytes,
      memoryBandwidthBytesPerSecond: add.aggregateBytesPerSecond,
      sharedMemoryBandwidthBytesPerSecond: linkFit?.bandwidthBytesPerSecond
        ?? nominal.sharedMemoryBandwidthBytesPerSecond,
      sharedMemoryLatencySeconds: linkFit?.latencySeconds ?? nominal.sharedMemoryLatencySeconds,
      perOpOverheadSeconds: overhead.secondsPerPair,
      matmulHalfEfficiencyFlops: halfEfficiencyFlops,
      elementsPerSecondPerCore: rates.isEmpty ? nil : rates,
      lastLevelCacheBytes: HostCache.lastLevelBytes())
  }
}

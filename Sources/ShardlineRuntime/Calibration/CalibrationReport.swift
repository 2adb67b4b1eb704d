import ShardlineHardware

/// Everything ``Calibrator`` measured on this host, and the ``CPUCharacteristics`` drawn from it.
public struct CalibrationReport: Sendable, Hashable, Codable {
  /// The options it ran with.
  public var options: CalibrationOptions
  /// `dot_general` rates of the largest size, one per thread count.
  public var matmul: [MatmulSample]
  /// `dot_general` rates with one thread per core, one per size.
  public var matmulBySize: [MatmulSample]
  /// time − per-op overhead ≈ a + b·FLOPs fitted to ``matmulBySize`` (as α and β), or `nil`
  /// when it does not fit (the profile then keeps the default efficiency curve).
  public var matmulFit: AlphaBetaFit?
  /// Element-wise kernel rates, per kernel and thread count.
  public var elementwise: [ElementwiseSample]
  /// Per-op-kind rates on the calibration workloads, one thread per core.
  public var opKinds: [OpKindRate]
  /// Collective and send/recv times.
  public var communication: [CommunicationSample]
  /// The per-op overhead with one device per core.
  public var overhead: OverheadSample
  /// α and β fitted to the collectives of groups within one host's devices, or `nil` when
  /// they do not fit (the profile then keeps the nominal link).
  public var linkFit: AlphaBetaFit?
  /// The profile the `cpu` presets are built from.
  public var characteristics: CPUCharacteristics

  /// Creates a report; ``Calibrator/run(_:workloads:progress:)`` makes them.
  public init(
    options: CalibrationOptions, matmul: [MatmulSample], matmulBySize: [MatmulSample],
    matmulFit: AlphaBetaFit?, elementwise: [ElementwiseSample], opKinds: [OpKindRate],
    communication: [CommunicationSample], overhead: OverheadSample, linkFit: AlphaBetaFit?,
    characteristics: CPUCharacteristics
  ) {
    self.options = options
    self.matmul = matmul
    self.matmulBySize = matmulBySize
    self.matmulFit = matmulFit
    self.elementwise = elementwise
    self.opKinds = opKinds
    self.communication = communication
    self.overhead = overhead
    self.linkFit = linkFit
    self.characteristics = characteristics
  }

  /// α-β fits per collective kind and group size, in measuring order, for displays; pairs
  /// that do not fit are left out.
  public var fitsByKind: [(kind: String, devices: Int, fit: AlphaBetaFit)] {
    var keys: [String] = []
    var groups: [String: [CommunicationSample]] = [:]
    for sample in communication {
      let key = "\(sample.kind) \(sample.devices)"
      if groups[key] == nil { keys.append(key) }
      groups[key, default: []].append(sample)
    }
    return keys.compactMap { key in
      guard let samples = groups[key], let first = samples.first,
        let fit = AlphaBetaFit.fit(samples)
      else { return nil }
      return (first.kind, first.devices, fit)
    }
  }
}

/// The α-β cost of collectives (Alpa OSDI 2022 §4.1 and DESIGN.md; ring algorithms of Thakur,
/// Rabenseifner and Gropp, "Optimization of Collective Communication Operations in MPICH",
/// IJHPCA 2005).
extension AxisCost {
  /// The time of one collective of `kind` moving `bytes` among this group's n devices, in seconds.
  ///
  /// With α = ``latencySeconds``, β = ``secondsPerByte`` and B = `bytes` (its meaning per kind is
  /// documented on ``CollectiveKind``):
  /// - all-gather: α + β·(n−1)/n·B (ring: n−1 steps of B/n each);
  /// - reduce-scatter: α + β·(n−1)/n·B (ring, as all-gather);
  /// - all-reduce: α + β·2(n−1)/n·B (ring: a reduce-scatter then an all-gather);
  /// - all-to-all: α + β·(n−1)/n²·B (each device keeps 1/n of its B/n slice and sends the rest),
  ///   times n/2 when ``CollectiveOptions/appliesAlpaAllToAllPenalty`` is set;
  /// - send/recv: α + β·B.
  ///
  /// Like Alpa, α is paid once per collective rather than once per ring step. A group of one
  /// device (n = 1), or zero bytes, costs 0.
  ///
  /// - Parameters:
  ///   - kind: The collective.
  ///   - bytes: B, in bytes (fractional sizes of shards are allowed).
  ///   - options: Pricing choices; defaults as documented on ``CollectiveOptions``.
  /// - Returns: Seconds.
  public func time(
    of kind: CollectiveKind, bytes: Double, options: CollectiveOptions = CollectiveOptions()
  ) -> Double {
    guard deviceCount > 1, bytes > 0 else { return 0 }
    let n = Double(deviceCount)
    let volumeFactor: Double
    switch kind {
    case .allGather, .reduceScatter:
      volumeFactor = (n - 1) / n
    case .allReduce:
      volumeFactor = 2 * (n - 1) / n
    case .allToAll:
      volumeFactor = (n - 1) / (n * n) * (options.appliesAlpaAllToAllPenalty ? n / 2 : 1)
    case .sendRecv:
      volumeFactor = 1
    }
    return latencySeconds + secondsPerByte * volumeFactor * bytes
  }
}

/// A measured communication time: `seconds` for a transfer whose α-β cost is α + β·`volume`.
public struct CommunicationSample: Sendable, Hashable, Codable {
  /// The collective (or ``ShardlineHardware/CollectiveKind/sendRecv``) as the cost model names
  /// it.
  public var kind: String
  /// Devices taking part.
  public var devices: Int
  /// B as the cost model defines it for `kind` (see `CollectiveKind`), in bytes.
  public var bytes: Double
  /// The bytes the cost model charges β for: B times the kind's volume factor, such as
  /// 2(n−1)/n for all-reduce.
  public var volume: Double
  /// Measured seconds (the median over repeats).
  public var seconds: Double

  /// Creates a sample; units are in the names.
  public init(kind: String, devices: Int, bytes: Double, volume: Double, seconds: Double) {
    self.kind = kind
    self.devices = devices
    self.bytes = bytes
    self.volume = volume
    self.seconds = seconds
  }
}

/// α and β fitted to communication samples: time ≈ α + β·volume.
public struct AlphaBetaFit: Sendable, Hashable, Codable {
  /// α, in seconds.
  public var latencySeconds: Double
  /// β, in seconds per byte.
  public var secondsPerByte: Double
  /// The median over the samples of |fitted − measured| / measured.
  public var medianRelativeError: Double

  /// 1/β, in bytes per second.
  public var bandwidthBytesPerSecond: Double { 1 / secondsPerByte }

  /// Fits α ≥ 0 and β > 0 by least squares on relative errors (each sample weighted by
  /// 1/seconds², so microsecond messages count as much as megabyte ones).
  ///
  /// The weighted normal equations of min Σ w·(α + β·x − t)² are solved in closed form; when
  /// they give α < 0, α is fixed at 0 and β refitted alone. Returns `nil` for fewer than two
  /// distinct volumes, or when no positive β fits (every time falls as the volume grows).
  public static func fit(_ samples: [CommunicationSample]) -> AlphaBetaFit? {
    fit(points: samples.map { (volume: $0.volume, seconds: $0.seconds) })
  }

  /// Fits α and β to (volume, seconds) points as ``fit(_:)`` does; the volume may be any
  /// quantity the time grows with linearly (bytes, FLOPs).
  public static func fit(points samples: [(volume: Double, seconds: Double)]) -> AlphaBetaFit? {
    let points = samples.filter { $0.seconds > 0 && $0.volume > 0 }
    guard Set(points.map(\.volume)).count >= 2 else { return nil }
    var (sw, swx, swxx, swt, swxt) = (0.0, 0.0, 0.0, 0.0, 0.0)
    for point in points {
      let weight = 1 / (point.seconds * point.seconds)
      sw += weight
      swx += weight * point.volume
      swxx += weight * point.volume * point.volume
      swt += weight * point.seconds
      swxt += weight * point.volume * point.seconds
    }
    let determinant = sw * swxx - swx * swx
    var alpha = (swt * swxx - swx * swxt) / determinant
    var beta = (sw * swxt - swx * swt) / determinant
    if alpha < 0 {
      alpha = 0
      beta = swxt / swxx
    }
    guard beta > 0, alpha.isFinite, beta.isFinite else { return nil }
    let errors = points.map { abs(alpha + beta * $0.volume - $0.seconds) / $0.seconds }
    return AlphaBetaFit(
      latencySeconds: alpha, secondsPerByte: beta, medianRelativeError: ProbeProgram.median(errors))
  }
}

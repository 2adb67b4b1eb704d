/// A small, fast, seeded pseudo-random generator (Steele, Lea and Flood's SplitMix64).
///
/// Its output depends only on the seed, on every platform and Swift version, so that graph inputs
/// drawn from a seed are reproducible. It is not cryptographically secure.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator whose stream is determined by `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// A uniform integer in `0..<upperBound` (Lemire's multiply-and-reject method, unbiased).
  ///
  /// - Precondition: `upperBound > 0`.
  public mutating func uniform(below upperBound: UInt64) -> UInt64 {
    precondition(upperBound > 0, "upper bound must be positive")
    let threshold = (0 &- upperBound) % upperBound
    while true {
      let (high, low) = next().multipliedFullWidth(by: upperBound)
      if low >= threshold { return high }
    }
  }

  /// A uniform `Double` in `[0, 1)` with 53 random bits.
  public mutating func unitInterval() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// SplitMix64's finalizer: a bijective scrambling of 64 bits.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

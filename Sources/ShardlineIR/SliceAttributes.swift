/// Static start, limit and stride of a `slice`, per dimension.
public struct SliceAttributes: Hashable, Codable, Sendable {
  /// First index taken, per dimension.
  public var start: [Int]
  /// One past the last index that may be taken, per dimension.
  public var limit: [Int]
  /// Step between taken indices, per dimension.
  public var strides: [Int]

  /// Creates slice attributes; `strides` defaults to 1 everywhere.
  public init(start: [Int], limit: [Int], strides: [Int]? = nil) {
    self.start = start
    self.limit = limit
    self.strides = strides ?? Array(repeating: 1, count: start.count)
  }
}

/// Edge and interior padding of a `pad`, per dimension. Negative edge padding crops.
public struct PadAttributes: Hashable, Codable, Sendable {
  /// Elements added before the first element, per dimension.
  public var low: [Int]
  /// Elements added after the last element, per dimension.
  public var high: [Int]
  /// Elements added between neighbouring elements, per dimension.
  public var interior: [Int]

  /// Creates pad attributes; `interior` defaults to 0 everywhere.
  public init(low: [Int], high: [Int], interior: [Int]? = nil) {
    self.low = low
    self.high = high
    self.interior = interior ?? Array(repeating: 0, count: low.count)
  }
}

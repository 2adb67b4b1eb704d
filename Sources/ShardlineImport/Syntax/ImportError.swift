/// Why a StableHLO file could not be imported, naming the place in the text and the op at fault.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Where the problem is.
  public var location: SourceLocation
  /// The op being read (`stablehlo.sort`), when there is one.
  public var op: String?
  /// What is wrong, as one sentence without a trailing period.
  public var reason: String

  /// Creates an error.
  public init(at location: SourceLocation, op: String? = nil, _ reason: String) {
    self.location = location
    self.op = op
    self.reason = reason
  }

  /// `line 12:7: stablehlo.sort: sorting is not supported`.
  public var description: String {
    if let op { return "line \(location): \(op): \(reason)" }
    return "line \(location): \(reason)"
  }
}

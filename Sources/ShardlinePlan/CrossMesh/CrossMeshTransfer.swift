/// The estimated cost of moving one tensor between the submeshes of two pipeline stages, as
/// ``CrossMeshResharding/transfer(_:from:to:on:)`` prices it.
public struct CrossMeshTransfer: Sendable, Codable, Hashable, CustomStringConvertible {
  /// Bytes sent point to point between devices, over all messages; pieces a device already holds
  /// and the destination's all-gather are not counted.
  public var bytes: Double
  /// Estimated time of the whole transfer, all-gather included, in seconds.
  public var seconds: Double
  /// Point-to-point messages sent (one per sender-receiver pair that exchanges bytes).
  public var messageCount: Int
  /// The destination mesh axes of the local all-gather (`[0]`, `[1]` or `[0, 1]`), or `[]` when
  /// every receiver gets its whole tile by point-to-point sends.
  public var allGatherAxes: [Int]
  /// The part of ``seconds`` spent in the destination all-gather.
  public var allGatherSeconds: Double

  /// Creates a cost record; units are in the property names.
  public init(
    bytes: Double, seconds: Double, messageCount: Int, allGatherAxes: [Int] = [],
    allGatherSeconds: Double = 0
  ) {
    self.bytes = bytes
    self.seconds = seconds
    self.messageCount = messageCount
    self.allGatherAxes = allGatherAxes
    self.allGatherSeconds = allGatherSeconds
  }

  /// Nothing to move: the destination already holds every tile it needs.
  public static let free = CrossMeshTransfer(bytes: 0, seconds: 0, messageCount: 0)

  /// Whether receivers get 1/r of each replicated tile and all-gather the rest among themselves.
  public var usesLocalAllGather: Bool { !allGatherAxes.isEmpty }

  /// The part of ``seconds`` spent in point-to-point sends.
  public var sendSeconds: Double { seconds - allGatherSeconds }

  /// `4.194 MB in 64 messages, 1.742 ms + all-gather over [1] 0.033 ms`.
  public var description: String {
    let sends =
      "\(format(bytes / 1e6)) MB in \(messageCount) messages, \(milliseconds(sendSeconds))"
    guard usesLocalAllGather else { return sends }
    return sends + " + all-gather over \(allGatherAxes) \(milliseconds(allGatherSeconds))"
  }

  private func milliseconds(_ seconds: Double) -> String { "\(format(seconds * 1e3)) ms" }

  /// `value` rounded to three decimals, without a trailing `.0`, independent of locale.
  private func format(_ value: Double) -> String {
    let rounded = (value * 1000).rounded() / 1000
    if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
    return String(rounded)
  }
}

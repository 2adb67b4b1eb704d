/// What became of a step's `sdy.sharding` annotations: how many became pins, and why the others
/// did not, told in one line on standard error.
struct SdyPinReport: Hashable, CustomStringConvertible {
  /// Annotations considered.
  var total = 0
  /// Annotations that became pins.
  var pinned = 0
  /// Why each skipped annotation was skipped, in argument order.
  var skipped: [String] = []

  /// `2 of 8 sdy.sharding annotations pinned; 6 skipped: stage 0 is on a 1×8 mesh, …`; distinct
  /// reasons are listed in order, each with its count when there are several.
  var description: String {
    let noun = total == 1 ? "annotation" : "annotations"
    let head = "\(pinned) of \(total) sdy.sharding \(noun) pinned"
    guard !skipped.isEmpty else { return head }
    var reasons: [String] = []
    var counts: [String: Int] = [:]
    for reason in skipped {
      if counts[reason] == nil { reasons.append(reason) }
      counts[reason, default: 0] += 1
    }
    let listed =
      reasons.count == 1
      ? reasons[0] : reasons.map { "\($0) (\(counts[$0]!))" }.joined(separator: "; ")
    return "\(head); \(skipped.count) skipped: \(listed)"
  }
}

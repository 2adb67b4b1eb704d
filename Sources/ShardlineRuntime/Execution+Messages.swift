import ShardlineHardware

extension Execution {
  /// Checks that every point-to-point message of `programs` is both sent and received: for each
  /// sender, receiver and tag, as many sends as receives. A send nobody receives would be queued
  /// and lost silently, and a receive nobody sends would only end at the watchdog; both are
  /// refused before anything runs, naming the two devices and the tag. (Receives in an order that
  /// waits forever are still the watchdog's to report.)
  ///
  /// - Throws: ``RuntimeError/invalidProgram(device:reason:)`` on the device whose side is short.
  /// - Complexity: O(instructions).
  static func checkMessagesMatch(_ programs: [DeviceProgram]) throws(RuntimeError) {
    struct Channel: Hashable, Comparable {
      var sender: Int
      var receiver: Int
      var tag: Int

      static func < (a: Channel, b: Channel) -> Bool {
        (a.sender, a.receiver, a.tag) < (b.sender, b.receiver, b.tag)
      }
    }
    var balance: [Channel: Int] = [:]
    for program in programs {
      for instruction in program.instructions {
        switch instruction {
        case .send(_, let receiver, let tag):
          balance[
            Channel(sender: program.device.rawValue, receiver: receiver.rawValue, tag: tag),
            default: 0] += 1
        case .receive(_, let sender, let tag, _):
          balance[
            Channel(sender: sender.rawValue, receiver: program.device.rawValue, tag: tag),
            default: 0] -= 1
        default: break
        }
      }
    }
    guard let (channel, excess) = balance.filter({ $0.value != 0 }).min(by: { $0.key < $1.key })
    else { return }
    let (sender, receiver) = (
      DeviceID(rawValue: channel.sender), DeviceID(rawValue: channel.receiver)
    )
    if excess > 0 {
      throw .invalidProgram(
        device: receiver,
        reason:
          "\(sender) sends \(excess) more message(s) under tag \(channel.tag) than \(receiver) receives"
      )
    }
    throw .invalidProgram(
      device: sender,
      reason:
        "\(receiver) receives \(-excess) more message(s) under tag \(channel.tag) than \(sender) sends"
    )
  }
}

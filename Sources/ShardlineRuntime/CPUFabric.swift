import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter

/// The CPU backend's interconnect: collectives and message channels between device threads, in
/// shared memory.
///
/// One lock and condition guard all state; every change broadcasts, and waiters re-check their
/// own rendezvous or mailbox. Waits are bounded slices, so a waiter re-checks at least once per
/// ``waitSlice`` even if a wake-up were lost. Data is combined outside the lock.
final class CPUFabric: @unchecked Sendable {
  /// A channel: messages from one device to another under one tag, first in first out.
  struct Channel: Hashable {
    /// The sending device.
    var sender: DeviceID
    /// The receiving device.
    var receiver: DeviceID
    /// The tag both sides name.
    var tag: Int
  }

  /// What a blocked device waits for.
  private enum Wait {
    case collective(Rendezvous.Key)
    case message(Channel)
  }

  /// The longest a waiter sleeps before re-checking its condition, in seconds.
  private static let waitSlice: TimeInterval = 0.5

  private let condition = NSCondition()
  private var isAborted = false
  /// How many collectives each device has called on each group.
  private var sequences: [DeviceID: [DeviceGroup: Int]] = [:]
  private var rendezvous: [Rendezvous.Key: Rendezvous] = [:]
  private var mailboxes: [Channel: [HostTensor]] = [:]
  private var waits: [DeviceID: Wait] = [:]

  /// Takes part in a collective as `device` and returns its result.
  ///
  /// The caller has checked that `device` is a member and that the operation applies to
  /// `tensor` on the group.
  func collective(
    _ operation: CollectiveOperation, _ tensor: HostTensor, group: DeviceGroup, device: DeviceID
  ) throws(RuntimeError) -> HostTensor {
    let rank = group.rank(of: device)!
    let (combined, contributions) = try meet(operation, tensor, group: group, device: device)
    return Rendezvous.result(
      of: operation, rank: rank, combined: combined, contributions: contributions)
  }

  /// Leaves `tensor` at the device's next rendezvous on `group` and waits for all members.
  ///
  /// - Returns: The combined tensor (`nil` for all-to-all) and every member's contribution.
  private func meet(
    _ operation: CollectiveOperation, _ tensor: HostTensor, group: DeviceGroup, device: DeviceID
  ) throws(RuntimeError) -> (HostTensor?, [HostTensor]) {
    condition.lock()
    defer { condition.unlock() }
    guard !isAborted else { throw .aborted(device) }
    let sequence = sequences[device, default: [:]][group, default: 0]
    sequences[device, default: [:]][group] = sequence + 1
    let key = Rendezvous.Key(group: group, sequence: sequence)
    var entry =
      rendezvous[key]
      ?? Rendezvous(operation: operation, type: tensor.type, first: device, groupSize: group.count)
    if entry.failure == nil, entry.operation != operation || entry.type != tensor.type {
      entry.failure = .collectiveMismatch(
        group: group, sequence: sequence, device: device, call: "\(operation) on \(tensor.type)",
        other: entry.first, otherCall: "\(entry.operation) on \(entry.type)")
    }
    entry.contributions[group.rank(of: device)!] = tensor
    entry.arrived += 1
    rendezvous[key] = entry
    condition.broadcast()
    if let failure = entry.failure { throw failure }
    if entry.arrived == group.count {
      let combined = combineUnlocked(entry.contributions.map { $0! }, for: operation)
      rendezvous[key]?.combined = combined
      condition.broadcast()
    }
    waits[device] = .collective(key)
    defer { waits[device] = nil }
    while true {
      guard !isAborted else { throw .aborted(device) }
      guard let current = rendezvous[key] else { preconditionFailure("rendezvous \(key) vanished") }
      if let failure = current.failure { throw failure }
      if current.isComplete { break }
      _ = condition.wait(until: Date(timeIntervalSinceNow: Self.waitSlice))
    }
    var done = rendezvous[key]!
    done.departed += 1
    rendezvous[key] = done.departed == group.count ? nil : done
    return (done.combined, done.contributions.map { $0! })
  }

  /// Queues a copy of a tensor on a channel.
  func send(_ tensor: HostTensor, on channel: Channel) throws(RuntimeError) {
    condition.lock()
    defer { condition.unlock() }
    guard !isAborted else { throw .aborted(channel.sender) }
    mailboxes[channel, default: []].append(tensor)
    condition.broadcast()
  }

  /// Takes the oldest message on a channel, waiting for one to arrive.
  func receive(on channel: Channel) throws(RuntimeError) -> HostTensor {
    condition.lock()
    defer { condition.unlock() }
    waits[channel.receiver] = .message(channel)
    defer { waits[channel.receiver] = nil }
    while true {
      guard !isAborted else { throw .aborted(channel.receiver) }
      if var queue = mailboxes[channel], !queue.isEmpty {
        let message = queue.removeFirst()
        mailboxes[channel] = queue.isEmpty ? nil : queue
        return message
      }
      _ = condition.wait(until: Date(timeIntervalSinceNow: Self.waitSlice))
    }
  }

  /// Releases every waiter, and refuses every later call, with ``RuntimeError/aborted(_:)``.
  func abort() {
    condition.lock()
    isAborted = true
    condition.broadcast()
    condition.unlock()
  }

  /// What `device` waits for, or `nil` when it is not waiting in the fabric.
  func waitDescription(of device: DeviceID) -> String? {
    condition.lock()
    defer { condition.unlock() }
    switch waits[device] {
    case nil:
      return nil
    case .message(let channel):
      return "a message from \(channel.sender) tag \(channel.tag)"
    case .collective(let key):
      guard let entry = rendezvous[key] else { return nil }
      let missing = zip(key.group.devices, entry.contributions).filter { $0.1 == nil }.map(\.0)
      let call = "\(entry.operation) #\(key.sequence) on \(key.group)"
      return missing.isEmpty
        ? "\(call) to combine" : "\(missing.map(\.description).joined(separator: ", ")) in \(call)"
    }
  }

  /// Combines the contributions with the lock released, so other groups proceed meanwhile.
  ///
  /// - Precondition: the caller holds the lock; it holds it again on return.
  private func combineUnlocked(_ tensors: [HostTensor], for operation: CollectiveOperation)
    -> HostTensor?
  {
    condition.unlock()
    defer { condition.lock() }
    return Rendezvous.combine(tensors, for: operation)
  }
}

import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import Synchronization

/// The CPU backend's interconnect: collectives and message channels between device threads, in
/// shared memory.
///
/// One mutex guards all state. Each device waits on a condition of its own (bound to that
/// mutex), and a change wakes only the devices it concerns: a message its receiver, a
/// rendezvous the members of its group. (One condition broadcast to every device made each of
/// the thousands of messages of a 64-device rehearsal wake 64 threads, and most of its time
/// went to the kernel.) Waiters re-check their own rendezvous or mailbox; waits are bounded
/// slices, so a waiter re-checks at least once per ``waitSlice`` even if a wake-up were lost.
/// Data is combined outside the lock.
///
/// When every device has a core of its own, a waiter first spins for up to ``spinSeconds``
/// (unlocked, watching a counter every wake-up bumps) before it sleeps, as NCCL and MPI
/// progress engines poll: on a virtual machine, waking a sleeping thread costs tens of
/// microseconds, more than many of the waits it ends. With more devices than cores, spinning
/// would take the core from the device being waited for, so waiters sleep at once.
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
  /// The longest a waiter spins before sleeping, in seconds, when it may spin.
  static let spinSeconds: Double = 100e-6

  /// Whether waiters spin before sleeping (every device has a core of its own).
  private let spins: Bool
  /// Bumped by every wake-up, so that a spinning waiter sees that it may have been woken.
  private let wakeups = Atomic<Int>(0)
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  /// Each device's condition, made when it first waits.
  private var conditions: [DeviceID: UnsafeMutablePointer<pthread_cond_t>] = [:]
  private var isAborted = false
  /// How many collectives each device has called on each group.
  private var sequences: [DeviceID: [DeviceGroup: Int]] = [:]
  private var rendezvous: [Rendezvous.Key: Rendezvous] = [:]
  private var mailboxes: [Channel: [HostTensor]] = [:]
  private var waits: [DeviceID: Wait] = [:]

  /// A fabric for `deviceCount` device threads.
  init(deviceCount: Int) {
    pthread_mutex_init(mutex, nil)
    spins = deviceCount <= ProcessInfo.processInfo.activeProcessorCount
  }

  deinit {
    for condition in conditions.values {
      pthread_cond_destroy(condition)
      condition.deallocate()
    }
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  private func lock() { pthread_mutex_lock(mutex) }

  private func unlock() { pthread_mutex_unlock(mutex) }

  /// Waits, with the lock held, until `device` is woken or ``waitSlice`` passes (spinning
  /// first when it may; the caller re-checks what it waits for either way).
  private func wait(_ device: DeviceID) {
    if spins {
      let seen = wakeups.load(ordering: .acquiring)
      unlock()
      let start = DispatchTime.now().uptimeNanoseconds
      while DispatchTime.now().uptimeNanoseconds - start < UInt64(Self.spinSeconds * 1e9),
        wakeups.load(ordering: .acquiring) == seen
      {}
      lock()
      // Wake-ups bump the counter under the lock: one since `seen` may concern this device.
      if isAborted || wakeups.load(ordering: .acquiring) != seen { return }
    }
    let condition: UnsafeMutablePointer<pthread_cond_t>
    if let existing = conditions[device] {
      condition = existing
    } else {
      condition = .allocate(capacity: 1)
      pthread_cond_init(condition, nil)
      conditions[device] = condition
    }
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    let slice = Int(Self.waitSlice * 1e9) + now.tv_nsec
    var deadline = timespec(
      tv_sec: now.tv_sec + slice / 1_000_000_000, tv_nsec: slice % 1_000_000_000)
    pthread_cond_timedwait(condition, mutex, &deadline)
  }

  /// Wakes `devices` if they wait, with the lock held.
  private func wake<Devices: Sequence<DeviceID>>(_ devices: Devices) {
    wakeups.add(1, ordering: .releasing)
    for device in devices {
      if let condition = conditions[device] { pthread_cond_signal(condition) }
    }
  }

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
    lock()
    defer { unlock() }
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
    if let failure = entry.failure {
      wake(group.devices)
      throw failure
    }
    if entry.arrived == group.count {
      let combined = combineUnlocked(entry.contributions.map { $0! }, for: operation)
      rendezvous[key]?.combined = combined
      wake(group.devices)
    }
    waits[device] = .collective(key)
    defer { waits[device] = nil }
    while true {
      guard !isAborted else { throw .aborted(device) }
      guard let current = rendezvous[key] else { preconditionFailure("rendezvous \(key) vanished") }
      if let failure = current.failure { throw failure }
      if current.isComplete { break }
      wait(device)
    }
    var done = rendezvous[key]!
    done.departed += 1
    rendezvous[key] = done.departed == group.count ? nil : done
    return (done.combined, done.contributions.map { $0! })
  }

  /// Queues a copy of a tensor on a channel.
  func send(_ tensor: HostTensor, on channel: Channel) throws(RuntimeError) {
    lock()
    defer { unlock() }
    guard !isAborted else { throw .aborted(channel.sender) }
    mailboxes[channel, default: []].append(tensor)
    wake([channel.receiver])
  }

  /// Takes the oldest message on a channel, waiting for one to arrive.
  func receive(on channel: Channel) throws(RuntimeError) -> HostTensor {
    lock()
    defer { unlock() }
    waits[channel.receiver] = .message(channel)
    defer { waits[channel.receiver] = nil }
    while true {
      guard !isAborted else { throw .aborted(channel.receiver) }
      if var queue = mailboxes[channel], !queue.isEmpty {
        let message = queue.removeFirst()
        mailboxes[channel] = queue.isEmpty ? nil : queue
        return message
      }
      wait(channel.receiver)
    }
  }

  /// Releases every waiter, and refuses every later call, with ``RuntimeError/aborted(_:)``.
  func abort() {
    lock()
    isAborted = true
    wakeups.add(1, ordering: .releasing)
    for condition in conditions.values { pthread_cond_broadcast(condition) }
    unlock()
  }

  /// What `device` waits for, or `nil` when it is not waiting in the fabric.
  func waitDescription(of device: DeviceID) -> String? {
    lock()
    defer { unlock() }
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
    unlock()
    defer { lock() }
    return Rendezvous.combine(tensors, for: operation)
  }
}

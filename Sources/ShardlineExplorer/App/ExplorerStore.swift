import Foundation
import ShardlinePlan
import Synchronization

/// The explorer's state and the side of it that is not pure: it reduces actions, writes plan
/// files, and runs re-solves and training steps in the background.
///
/// Background work never touches the state: it posts actions into a mailbox that the loop
/// drains on the main actor (``drainMailbox()``), so the reducer stays the only place the state
/// changes.
@MainActor
public final class ExplorerStore {
  /// Re-solves a plan: given the job, a check for cancellation and a progress callback (a line
  /// and the seconds since the run started), returns the new plan or throws why there is none.
  /// Runs off the main actor.
  public typealias Solver =
    @Sendable (
      _ job: SolveJob, _ isCancelled: @escaping @Sendable () -> Bool,
      _ progress: @escaping @Sendable (String, Double) -> Void
    ) throws -> Plan

  /// Everything the explorer shows.
  public var state: ExplorerState
  private let solver: Solver
  private let mailbox = Mailbox()
  /// Re-solves and runs not yet ended, by id.
  private var runs: [Int: SolveCancellation] = [:]

  /// A store showing `state` whose re-solves run `solver`.
  public init(state: ExplorerState, solver: @escaping Solver) {
    self.state = state
    self.solver = solver
  }

  /// Applies `action`, then performs the work it asks for.
  public func send(_ action: ExplorerAction) {
    for effect in state.reduce(action) {
      perform(effect)
    }
  }

  /// Sends the action `key` triggers here, if any.
  ///
  /// - Parameter fitsScreen: Whether the terminal is large enough for the explorer. When it is
  ///   not, the views are replaced by a message, so `q` quits whatever overlay is open: it
  ///   closes the overlay and quits, and when plans have unsaved edits (the question cannot be
  ///   shown) a second `q` quits without saving.
  public func send(key: Key, fitsScreen: Bool = true) {
    if !fitsScreen && key == .character("q") {
      if state.overlay == .confirmQuit {
        send(.quitDiscarding)
        return
      }
      state.overlay = nil
      send(.quit)
      return
    }
    guard let action = KeyMap.action(for: key, in: state) else { return }
    send(action)
  }

  /// Applies the actions background work posted since the last call, in order.
  ///
  /// - Returns: Whether there were any.
  @discardableResult
  public func drainMailbox() -> Bool {
    let (actions, ended) = mailbox.take()
    for id in ended { runs[id] = nil }
    for action in actions { send(action) }
    return !actions.isEmpty || !ended.isEmpty
  }

  /// Whether a re-solve or a run is still going in the background (a cancelled one included,
  /// until it returns).
  public var isSolving: Bool { !runs.isEmpty }

  private func perform(_ effect: ExplorerEffect) {
    switch effect {
    case .save(let document, let revision, let plan, let path):
      var failure: String?
      do {
        try Self.writeAtomically(try plan.jsonData(), to: path)
      } catch let error as FileWriteError {
        failure = error.description
      } catch {
        failure = "cannot write \(path): \(Self.oneLine("\(error)"))"
      }
      send(
        .saveFinished(
          document: document, revision: revision, path: path, plan: plan, error: failure))
    case .startSolve(let id, let plan, let workspace, let request, let stage):
      start(SolveJob(id: id, plan: plan, workspace: workspace, request: request, stage: stage))
    case .cancelSolve(let id), .cancelRun(let id):
      runs[id]?.cancel()
    case .startRun(let id, let plan, let workspace, let steps):
      let cancellation = SolveCancellation()
      let mailbox = mailbox
      Self.runOnThread {
        defer { mailbox.ended(id) }
        PlanRunner.run(
          id: id, plan: plan, workspace: workspace, steps: steps,
          isCancelled: { cancellation.isCancelled }, post: { mailbox.post($0) })
      }
      runs[id] = cancellation
    }
  }

  /// Runs `job` on a thread of its own, started here: the solver blocks for as long as it
  /// takes, which would starve Swift's cooperative pool (and a pool busy with blocking work
  /// would delay the solve). Progress and the result go to the mailbox.
  private func start(_ job: SolveJob) {
    let cancellation = SolveCancellation()
    let mailbox = mailbox
    let solver = solver
    Self.runOnThread {
      Self.solve(job, with: solver, cancellation: cancellation, mailbox: mailbox)
    }
    runs[job.id] = cancellation
  }

  /// Runs `job` to its end, posting progress and the result unless cancelled.
  private nonisolated static func solve(
    _ job: SolveJob, with solver: Solver, cancellation: SolveCancellation, mailbox: Mailbox
  ) {
    let id = job.id
    defer { mailbox.ended(id) }
    let isCancelled: @Sendable () -> Bool = { cancellation.isCancelled }
    let progress: @Sendable (String, Double) -> Void = { line, seconds in
      guard !cancellation.isCancelled else { return }
      mailbox.post(.solveProgressed(id: id, line: line, elapsedSeconds: seconds))
    }
    let result: ExplorerAction
    do {
      let plan = try solver(job, isCancelled, progress)
      result = .solveFinished(id: id, plan: plan, error: nil)
    } catch {
      result = .solveFinished(id: id, plan: nil, error: oneLine("\(error)"))
    }
    guard !cancellation.isCancelled else { return }
    mailbox.post(result)
  }

  /// Runs `work` on a new thread with an 8 MiB stack, as deep as the main thread's.
  nonisolated static func runOnThread(_ work: @escaping @Sendable () -> Void) {
    let thread = Thread(block: work)
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Writes `data` to `path` atomically: to a temporary file in the same directory, then
  /// renamed over `path`, so a reader sees the old file or the new one, never half of one.
  /// The directory must exist.
  ///
  /// - Throws: ``FileWriteError`` saying why, in one line.
  public nonisolated static func writeAtomically(_ data: Data, to path: String)
    throws(FileWriteError)
  {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory)
    else {
      throw FileWriteError(path: path, reason: "no such directory \(directory.path)")
    }
    guard isDirectory.boolValue else {
      throw FileWriteError(path: path, reason: "\(directory.path) is not a directory")
    }
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    do {
      try data.write(to: temporary)
    } catch {
      throw FileWriteError(path: path, reason: Self.reason(error))
    }
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw FileWriteError(path: path, reason: reason)
    }
  }

  /// The few words an error of Foundation's file functions comes down to: the POSIX error
  /// under it (`Permission denied`), or its description.
  private nonisolated static func reason(_ error: any Error) -> String {
    let error = error as NSError
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
    return oneLine(error.localizedDescription)
  }

  /// `text` on one line.
  nonisolated static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }
}

/// Why a file could not be written.
public struct FileWriteError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file.
  public var path: String
  /// What went wrong, in a few words.
  public var reason: String

  /// Creates an error.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// `cannot write <path>: <reason>`.
  public var description: String { "cannot write \(path): \(reason)" }
}

/// Actions posted by background work for the main actor, and the runs that ended.
private final class Mailbox: Sendable {
  private struct Contents {
    var actions: [ExplorerAction] = []
    var ended: [Int] = []
  }

  private let contents = Mutex(Contents())

  /// Queues `action`. A progress report replaces one of the same run still queued, so a fast
  /// solver cannot flood the loop.
  func post(_ action: ExplorerAction) {
    contents.withLock { contents in
      if case .solveProgressed(let id, _, _) = action,
        let queued = contents.actions.lastIndex(where: {
          if case .solveProgressed(id, _, _) = $0 { return true }
          return false
        })
      {
        contents.actions[queued] = action
      } else {
        contents.actions.append(action)
      }
    }
  }

  /// Records that run `id` returned.
  func ended(_ id: Int) {
    contents.withLock { $0.ended.append(id) }
  }

  /// Everything queued, emptying the mailbox.
  func take() -> (actions: [ExplorerAction], ended: [Int]) {
    contents.withLock { contents in
      defer { contents = Contents() }
      return (contents.actions, contents.ended)
    }
  }
}

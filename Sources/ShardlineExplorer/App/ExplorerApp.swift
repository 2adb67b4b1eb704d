import ShardlinePlanner
import Synchronization

/// The explorer's loops: the explorer itself, and the progress screen of a planning run
/// before it opens.
///
/// Each tick draws the state, waits up to ``tickMilliseconds`` for a key, maps it through
/// ``KeyMap`` and reduces it, and applies whatever background work posted meanwhile, so a
/// re-solve's progress shows while no key is pressed.
@MainActor
public enum ExplorerApp {
  /// How long one tick waits for a key, in milliseconds.
  public static let tickMilliseconds = 50

  /// Runs the explorer on `terminal` until the state says it quit.
  ///
  /// - Parameters:
  ///   - idleTickLimit: For tests: stop after this many ticks in a row without a key (a
  ///     ``MemoryTerminal`` whose script ran out). `nil` runs until quit.
  public static func run(store: ExplorerStore, terminal: some Terminal, idleTickLimit: Int? = nil) {
    if !terminal.supportsColor { store.state.monochrome = true }
    var needsDrawing = true
    var lastSize = (width: -1, height: -1)
    var idleTicks = 0
    while !store.state.hasQuit {
      if store.drainMailbox() { needsDrawing = true }
      if store.state.hasQuit { break }
      let size = terminal.size
      if needsDrawing || size != lastSize {
        terminal.draw(ExplorerScreen.render(store.state, width: size.width, height: size.height))
        needsDrawing = false
        lastSize = size
      }
      guard let key = terminal.readKey(timeoutMilliseconds: tickMilliseconds) else {
        idleTicks += 1
        if let idleTickLimit, idleTicks >= idleTickLimit { break }
        continue
      }
      idleTicks = 0
      needsDrawing = true
      if key == .resize { continue }
      let minimum = ExplorerScreen.minimumSize
      store.send(key: key, fitsScreen: size.width >= minimum.width && size.height >= minimum.height)
    }
  }

  /// Runs `work` (a planning run) on a thread of its own while `terminal` shows its progress, and
  /// returns what it returned.
  ///
  /// Esc or `q` cancels: this returns `nil` at once. The planner cannot be interrupted, so the
  /// work goes on in the background until the process exits; the caller should exit.
  ///
  /// - Parameters:
  ///   - title: The box's title (`Planning gpt-2.6b on 2 × p3.16xlarge`).
  ///   - idleTickLimit: For tests: give up (returning `nil`) after this many ticks in a row
  ///     without a key or a result. `nil` waits for the work.
  ///   - work: The run; it reports through the callback it is given, from any thread.
  /// - Returns: The work's result, or `nil` when cancelled.
  /// - Throws: What `work` threw.
  public static func compile<Value: Sendable>(
    title: String, terminal: some Terminal, idleTickLimit: Int? = nil,
    work:
      @escaping @Sendable (_ progress: @escaping @Sendable (PlannerProgress) -> Void) throws
      -> Value
  ) throws -> Value? {
    let outbox = CompileOutbox<Value>()
    ExplorerStore.runOnThread {
      let result = Result { try work { report in outbox.report(report) } }
      outbox.finish(result)
    }
    let started = ContinuousClock.now
    var idleTicks = 0
    while true {
      let (report, result) = outbox.snapshot()
      if let result { return try result.get() }
      let size = terminal.size
      let progress = CompileProgress(
        title: title, progress: report, elapsedSeconds: seconds(since: started))
      terminal.draw(
        CompileProgressView.render(
          progress, width: size.width, height: size.height, monochrome: !terminal.supportsColor))
      switch terminal.readKey(timeoutMilliseconds: tickMilliseconds) {
      case .escape?, .character("q")?:
        return nil
      case nil:
        idleTicks += 1
        if let idleTickLimit, idleTicks >= idleTickLimit { return nil }
      default:
        idleTicks = 0
      }
    }
  }

  private static func seconds(since start: ContinuousClock.Instant) -> Double {
    let (whole, attoseconds) = (ContinuousClock.now - start).components
    return Double(whole) + Double(attoseconds) * 1e-18
  }
}

/// What a planning run posts to the progress screen: its last report and, once done, its
/// result.
private final class CompileOutbox<Value: Sendable>: Sendable {
  private let contents = Mutex<(PlannerProgress?, Result<Value, any Error>?)>((nil, nil))

  func report(_ progress: PlannerProgress) {
    contents.withLock { $0.0 = progress }
  }

  func finish(_ result: Result<Value, any Error>) {
    contents.withLock { $0.1 = result }
  }

  func snapshot() -> (PlannerProgress?, Result<Value, any Error>?) {
    contents.withLock { $0 }
  }
}

import Foundation

/// A one-line progress display on standard error (`⠋ 3.2 s  solving the ILP: …`), redrawn from a
/// background thread while the main thread works; silent when standard error is not a terminal.
final class ProgressLine: @unchecked Sendable {
  private let lock = NSLock()
  private var message = ""
  private var running = true
  private let started = Date()
  private let enabled = isatty(STDERR_FILENO) != 0

  init() {
    guard enabled else { return }
    Thread.detachNewThread { [self] in
      while self.tick() { Thread.sleep(forTimeInterval: 0.2) }
    }
  }

  /// Shows `text` as the current phase.
  func update(_ text: String) {
    lock.withLock { message = text }
  }

  /// Stops the display and clears the line.
  func finish() {
    lock.withLock {
      if running && enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
      running = false
    }
  }

  /// Redraws the line; `false` once finished. Writing under the lock keeps a redraw from landing
  /// after ``finish()`` cleared the line.
  private func tick() -> Bool {
    lock.withLock {
      guard running else { return false }
      let elapsed = String(format: "%6.1f s", Date().timeIntervalSince(started))
      FileHandle.standardError.write(Data("\r\u{1B}[K\(elapsed)  \(message)".utf8))
      return true
    }
  }
}

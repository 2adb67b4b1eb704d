/// A terminal in memory: keys come from a script, frames are kept for inspection.
@MainActor
public final class MemoryTerminal: Terminal {
  /// Columns and rows; change it and send ``Key/resize`` to simulate a resize.
  public var size: (width: Int, height: Int)
  /// Whether colours can be shown.
  public var supportsColor: Bool
  /// Keys still to be read, in order.
  public var pendingKeys: [Key]
  /// The last frame drawn.
  public private(set) var lastFrame: CellBuffer?
  /// How many frames were drawn.
  public private(set) var frameCount = 0

  /// A terminal of `width` × `height` that will read `keys`.
  public init(width: Int, height: Int, supportsColor: Bool = true, keys: [Key] = []) {
    size = (width, height)
    self.supportsColor = supportsColor
    pendingKeys = keys
  }

  /// Keeps `frame`.
  public func draw(_ frame: CellBuffer) {
    lastFrame = frame
    frameCount += 1
  }

  /// The next scripted key, or `nil` once the script is done.
  public func readKey(timeoutMilliseconds: Int) -> Key? {
    pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
  }
}

import Foundation
import ShardlinePlanner

/// What the progress screen of a planning run shows.
public struct CompileProgress: Sendable, Hashable {
  /// The box's title: `Planning gpt-2.6b on 2 × p3.16xlarge`.
  public var title: String
  /// The planner's last report; `nil` before the first.
  public var progress: PlannerProgress?
  /// Seconds since planning started, as the clock says (reports come only now and then).
  public var elapsedSeconds: Double

  /// Creates a progress snapshot.
  public init(title: String, progress: PlannerProgress? = nil, elapsedSeconds: Double = 0) {
    self.title = title
    self.progress = progress
    self.elapsedSeconds = elapsedSeconds
  }
}

/// The screen shown while the planner compiles a plan before the explorer opens: a box in the
/// middle with the phase, the candidates priced as a bar, the ILP solves, the reused solves
/// and the time so far.
public enum CompileProgressView {
  /// The box's size; smaller screens clip it.
  static let boxSize = (width: 64, height: 9)

  /// A frame of `width` × `height` showing `progress`.
  public static func render(
    _ progress: CompileProgress, width: Int, height: Int, monochrome: Bool = false
  ) -> CellBuffer {
    var buffer = CellBuffer(width: width, height: height)
    render(progress, in: buffer.area, into: &buffer, theme: Theme(monochrome: monochrome))
    return buffer
  }

  /// Draws `progress` centred in `area`.
  public static func render(
    _ progress: CompileProgress, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let box = area.centered(width: boxSize.width, height: boxSize.height)
    buffer.fill(box, style: .plain)
    let inside = buffer.box(box, title: progress.title, style: theme.focusedBorder)
      .inset(horizontal: 1, vertical: 0)
    let rows = Layout.vertical([
      .length(1), .length(1), .length(1), .length(1), .fill(1), .length(1),
    ]).split(inside)
    let report = progress.progress
    buffer.put(report?.phase ?? "starting", in: rows[1], style: theme.title)

    let priced = report.map { "\($0.candidatesPriced)/\($0.candidatesTotal) candidates" } ?? ""
    let total = report?.candidatesTotal ?? 0
    let barRow = Layout.horizontal(
      [.fill(1), .length(total > 0 ? priced.count : 0)], spacing: 1
    ).split(rows[2])
    let fraction = total > 0 ? Double(report?.candidatesPriced ?? 0) / Double(total) : 0
    buffer.bar(fraction, in: barRow[0], style: theme.accent, track: "·", trackStyle: theme.muted)
    if total > 0 { buffer.put(priced, in: barRow[1], alignment: .right) }

    let counts = report.map { "\($0.ilpSolves) ILP solves · \($0.cacheHits) reused" } ?? ""
    let seconds = String(format: "%.1f s", progress.elapsedSeconds)
    let countRow = Layout.horizontal([.fill(1), .length(seconds.count)], spacing: 1).split(rows[3])
    buffer.put(counts, in: countRow[0])
    buffer.put(seconds, in: countRow[1], alignment: .right)
    buffer.put("Esc or q cancels", in: rows[5], style: theme.muted)
  }
}

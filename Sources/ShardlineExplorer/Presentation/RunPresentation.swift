import Foundation
import ShardlineHardware

/// The Run view's text, from a ``RunStatus``: pure, so it is tested without a screen.
public enum RunPresentation {
  /// The eight heights of a sparkline, lowest first.
  static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// `values` as a sparkline of at most `width` characters (the last values when there are
  /// more), scaled from their minimum (▁) to their maximum (█); a value that is not finite
  /// shows as `!`.
  public static func sparkline(_ values: [Float], width: Int) -> String {
    let shown = values.suffix(max(width, 0))
    let finite = shown.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else {
      return String(repeating: "!", count: shown.count)
    }
    let span = high - low
    return String(
      shown.map { value -> Character in
        guard value.isFinite else { return "!" }
        let level = span > 0 ? Int(((value - low) / span * 7).rounded()) : 3
        return levels[min(max(level, 0), 7)]
      })
  }

  /// `first 5.5452 · last 4.1037 · min 4.0992`, or `no steps yet`.
  public static func lossSummary(_ run: RunStatus) -> String {
    guard let first = run.losses.first, let last = run.losses.last else { return "no steps yet" }
    let low = run.losses.filter(\.isFinite).min()
    return "first \(loss(first)) · last \(loss(last)) · min \(low.map(loss) ?? "none finite")"
  }

  /// `last 12.3 ms · mean 13.1 ms · estimate 4.5 ms (p3.16xlarge)`.
  public static func stepTime(_ run: RunStatus) -> String {
    let estimate = run.estimatedStepSeconds.map {
      " · estimate \(Format.seconds($0)) (\(run.cluster))"
    }
    guard let last = run.stepSeconds.last else { return "no steps yet" + (estimate ?? "") }
    let mean = run.stepSeconds.reduce(0, +) / Double(run.stepSeconds.count)
    return "last \(Format.seconds(last)) · mean \(Format.seconds(mean))" + (estimate ?? "")
  }

  /// One row per stage: the stage, its measured computing time in the last step on the CPU,
  /// and the plan's estimate of it on the plan's cluster.
  public static func stageRows(_ run: RunStatus) -> [[String]] {
    let count = max(run.stageSeconds.count, run.estimatedStageSeconds.count)
    return (0..<count).map { stage in
      [
        "\(stage)",
        run.stageSeconds.indices.contains(stage)
          ? Format.seconds(run.stageSeconds[stage]) : "–",
        run.estimatedStageSeconds.indices.contains(stage)
          ? Format.seconds(run.estimatedStageSeconds[stage]) : "–",
      ]
    }
  }

  /// `running` / `finished` / `cancelled after 3 steps` / `failed`.
  public static func phase(_ run: RunStatus) -> String {
    switch run.phase {
    case .running: "running"
    case .finished: "finished"
    case .cancelled: "cancelled after \(run.stepsDone) step(s)"
    case .failed: "failed"
    }
  }

  /// `text` broken at spaces into lines of at most `width` columns (longer words cut).
  public static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  private static func loss(_ value: Float) -> String { String(format: "%.4f", value) }
}

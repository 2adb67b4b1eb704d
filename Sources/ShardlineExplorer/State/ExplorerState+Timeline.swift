/// The timeline's zoom and scroll, and the compare view's choice of plan.
extension ExplorerState {
  /// The deepest zoom: 1/256 of the iteration across the chart.
  static let maximumZoom = 8

  mutating func zoomTimeline(by step: Int) {
    guard page == .timeline else { return }
    let centre = timeline.start + timeline.visibleFraction / 2
    timeline.zoom = min(max(timeline.zoom + step, 0), Self.maximumZoom)
    timeline.start = clampedStart(centre - timeline.visibleFraction / 2)
  }

  /// Scrolls by a quarter of the visible window per step.
  mutating func scrollTimeline(by step: Int) {
    timeline.start = clampedStart(
      timeline.start + Double(step) * timeline.visibleFraction / 4)
  }

  /// Switches the timeline between the plan's estimate and the last run's measured timeline;
  /// says so when nothing has been measured yet.
  mutating func toggleMeasuredTimeline() {
    guard page == .timeline else { return }
    guard timeline.showsMeasured || run?.timeline != nil else {
      status = StatusMessage("no run measured yet: run the plan in the Run view (7, then x)")
      return
    }
    timeline.showsMeasured.toggle()
  }

  mutating func cycleComparison() {
    guard page == .compare else { return }
    let others = documents.indices.filter { $0 != active }
    let choices: [Comparison] = [.asSaved] + others.map { .document($0) }
    let current = choices.firstIndex(of: comparison) ?? 0
    comparison = choices[(current + 1) % choices.count]
  }

  private func clampedStart(_ start: Double) -> Double {
    min(max(start, 0), 1 - timeline.visibleFraction)
  }
}

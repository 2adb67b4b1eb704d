/// The line above the footer: the last message, or the plan's validity at a glance.
enum StatusLine {
  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    if let message = state.status {
      buffer.put(" " + message.text, in: area, style: message.isError ? theme.error : .plain)
      return
    }
    let document = state.document
    if let error = document.evaluationError {
      buffer.put(" cannot evaluate: \(error)", in: area, style: theme.error)
    } else if let estimate = document.estimate, let issue = estimate.issues.first {
      let more = estimate.issues.count > 1 ? " (+\(estimate.issues.count - 1) more)" : ""
      buffer.put(" invalid: \(issue)\(more)", in: area, style: theme.error)
    } else {
      buffer.put(" plan is valid", in: area, style: theme.muted)
    }
  }
}

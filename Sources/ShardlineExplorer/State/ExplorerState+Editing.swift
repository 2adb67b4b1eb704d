import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlinePlan

/// Edits: each becomes a ``PlanEdit``, is applied by the plan module and re-costed at once by
/// the evaluator; undo and redo walk the document's history.
extension ExplorerState {
  mutating func edit(_ action: ExplorerAction) {
    guard solve == nil else {
      status = StatusMessage("a re-solve is running: wait for it or cancel it with Esc")
      return
    }
    guard allowsEditsDuringRun() else { return }
    let plan = document.plan
    let stage = min(selectedStage, max(plan.stages.count - 1, 0))
    let edit: PlanEdit
    let label: String
    switch action {
    case .moveBoundary(let layers):
      guard stage + 1 < plan.stages.count else {
        status = StatusMessage(
          "stage \(stage) is the last: it ends at the last layer; move the previous stage's end",
          isError: true)
        return
      }
      edit = .moveBoundary(stage: stage, layers: layers)
      label = layers > 0 ? "stage \(stage) took a layer" : "stage \(stage) gave a layer"
    case .cycleSubmesh(let step):
      let shapes = plan.cluster.physicalMesh.submeshShapes.sorted {
        ($0.deviceCount, $0.hostCount) < ($1.deviceCount, $1.hostCount)
      }
      let current = shapes.firstIndex(of: plan.stages[stage].submesh) ?? 0
      let next = shapes[(current + step + shapes.count) % shapes.count]
      edit = .setSubmesh(stage: stage, next)
      label = "stage \(stage) on a \(next) submesh"
    case .cycleLogicalShape:
      let shapes = plan.stages[stage].submesh.logicalShapes
      let current = shapes.firstIndex(of: plan.stages[stage].logicalShape) ?? 0
      let next = shapes[(current + 1) % shapes.count]
      edit = .setLogicalShape(stage: stage, next)
      label = "stage \(stage) viewed as \(next)"
    case .pinSelectedStrategy:
      guard let node = selectedOperator, let choice = alternatives()[safe: selectedAlternative]
      else { return }
      edit = .pin(node: node, strategy: choice.strategy, spec: choice.spec)
      label = "pinned \(operatorName(node)) to \(choice.spec)"
    case .unpinSelectedOperator:
      guard let node = selectedOperator else { return }
      edit = .unpin(node: node)
      label = "unpinned \(operatorName(node))"
    case .changeMicrobatches(let step):
      let count = step > 0 ? plan.microbatches * 2 : plan.microbatches / 2
      guard count >= 1, plan.globalBatch % count == 0 else {
        status = StatusMessage(
          "a batch of \(plan.globalBatch) does not split into \(count) microbatches", isError: true)
        return
      }
      edit = .setMicrobatches(count)
      label = "\(count) microbatches"
    case .toggleSchedule:
      let next: PipelineSchedule = plan.schedule == .gpipe ? .oneFOneB : .gpipe
      edit = .setSchedule(next)
      label = "\(next) schedule"
    default:
      return
    }
    apply(edit, label: label)
  }

  /// Applies `edit` to the active plan and reports the new estimate.
  private mutating func apply(_ edit: PlanEdit, label: String) {
    let before = document.estimate?.iterationSeconds
    do {
      let evaluator = try document.workspace.evaluator(microbatches: document.plan.microbatches)
      let edited = try document.plan.applying(edit, evaluator: evaluator)
      document.commit(edited, label: label)
    } catch {
      status = StatusMessage("\(error)", isError: true)
      return
    }
    reportEstimate(after: label, before: before)
    if page == .stage || page == .operator { prepareStage() }
  }

  /// Undoes or redoes one edit and reports the estimate it leaves.
  mutating func walkHistory(back: Bool) {
    guard allowsEditsDuringRun() else { return }
    let before = document.estimate?.iterationSeconds
    guard let label = back ? document.undo() : document.redo() else {
      status = StatusMessage(back ? "nothing to undo" : "nothing to redo")
      return
    }
    clampSelection()
    reportEstimate(after: "\(back ? "undid" : "redid"): \(label)", before: before)
  }

  /// Puts the new estimate (or what makes the plan invalid) in the status line.
  mutating func reportEstimate(after label: String, before: Double?) {
    guard let estimate = document.estimate else {
      status = StatusMessage(
        "\(label): cannot be evaluated: \(document.evaluationError ?? "unknown error")",
        isError: true)
      return
    }
    if let issue = estimate.issues.first {
      let more = estimate.issues.count > 1 ? " (and \(estimate.issues.count - 1) more)" : ""
      status = StatusMessage("\(label): invalid: \(issue)\(more)", isError: true)
      return
    }
    var text = "\(label): iteration \(Format.seconds(estimate.iterationSeconds))"
    if let before, before.isFinite, before > 0 {
      let change = (estimate.iterationSeconds / before - 1) * 100
      text += String(format: " (%+.1f %%)", change)
    }
    status = StatusMessage(text)
  }

  /// The name of op `node` of the active plan.
  private func operatorName(_ node: NodeID) -> String {
    for stage in document.plan.stages {
      if let op = stage.ops.first(where: { $0.node == node }) { return op.name }
    }
    return "\(node)"
  }

  /// Keeps the selection inside a plan whose stage count changed.
  private mutating func clampSelection() {
    selectedStage = min(selectedStage, max(stageCount - 1, 0))
    if page == .stage || page == .operator { prepareStage() }
  }
}

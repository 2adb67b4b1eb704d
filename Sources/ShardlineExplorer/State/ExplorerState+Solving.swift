import Foundation
import ShardlineHardware
import ShardlinePlan
import ShardlinePlanner

/// Re-solving in the background: the reducer starts and cancels runs and takes their results;
/// the app runs them off the main thread.
extension ExplorerState {
  mutating func resolve(_ request: ResolveRequest) -> [ExplorerEffect] {
    if let solve {
      status = StatusMessage("\(solve.title) is running: Esc cancels it")
      return []
    }
    guard allowsEditsDuringRun() else { return [] }
    guard stageCount > 0 else { return [] }
    let stage = min(selectedStage, stageCount - 1)
    let title: String
    switch request {
    case .selectedStage: title = "re-solving stage \(stage)'s sharding"
    case .allStages: title = "re-solving every stage's sharding"
    case .stagesAndSharding: title = "re-solving stages and sharding"
    case .baseline(let baseline): title = "planning the \(baseline.rawValue) baseline"
    }
    let id = nextSolveID
    nextSolveID += 1
    solve = SolveStatus(
      id: id, document: active, request: request, title: title, progress: "starting",
      elapsedSeconds: 0)
    return [
      .startSolve(
        id: id, plan: document.plan, workspace: document.workspace, request: request,
        stage: stage)
    ]
  }

  mutating func cancelSolve() -> [ExplorerEffect] {
    guard let running = solve else { return [] }
    solve = nil
    status = StatusMessage("\(running.title): cancelled; the plan is unchanged")
    return [.cancelSolve(id: running.id)]
  }

  mutating func solveFinished(id: Int, plan: Plan?, error: String?) {
    guard let running = solve, running.id == id else { return }
    solve = nil
    guard let plan else {
      status = StatusMessage("\(running.title) failed: \(error ?? "no plan")", isError: true)
      return
    }
    if case .baseline(let baseline) = running.request {
      open(baseline: baseline, plan: plan, workspace: documents[running.document].workspace)
      return
    }
    let previous = active
    active = running.document
    let before = document.estimate?.iterationSeconds
    document.commit(
      plan, label: running.title.replacingOccurrences(of: "re-solving", with: "re-solved"))
    selectedStage = min(selectedStage, max(stageCount - 1, 0))
    reportEstimate(
      after: running.title.replacingOccurrences(of: "re-solving", with: "re-solved"),
      before: before)
    active = previous
    if page == .stage || page == .operator { prepareStage() }
  }

  /// Opens a baseline's plan as a plan of its own and compares the active plan with it.
  private mutating func open(baseline: Baseline, plan: Plan, workspace: PlanWorkspace) {
    documents.append(
      PlanDocument(
        plan: plan, title: "\(baseline.rawValue) baseline", path: nil, workspace: workspace))
    comparison = .document(documents.count - 1)
    let iteration = documents[documents.count - 1].estimate?.iterationSeconds
    status = StatusMessage(
      "opened the \(baseline.rawValue) baseline as plan \(documents.count)"
        + (iteration.map { ": iteration \(Format.seconds($0))" } ?? "")
        + " (6 compares, n switches)")
  }
}

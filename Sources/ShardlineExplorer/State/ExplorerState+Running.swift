import ShardlinePlan

/// Running the active plan on the CPU: the reducer starts and cancels runs and records their
/// measurements; the app runs the steps off the main thread.
extension ExplorerState {
  mutating func startRun() -> [ExplorerEffect] {
    show(.run)
    if let run, run.isRunning {
      status = StatusMessage("a run is in flight: Esc in the Run view cancels it")
      return []
    }
    if let solve {
      status = StatusMessage("\(solve.title) is running: wait for it or cancel it with Esc")
      return []
    }
    let plan = document.plan
    let id = nextSolveID
    nextSolveID += 1
    run = RunStatus(
      id: id, title: document.title, steps: runSteps,
      deviceCount: plan.stages.reduce(0) { $0 + $1.devices.count },
      cluster: plan.cluster.name, estimatedStepSeconds: document.estimate?.iterationSeconds,
      estimatedStageSeconds: document.estimate?.stages.map(\.computeSeconds) ?? [])
    status = StatusMessage("running \(runSteps) steps of \(document.title) on the CPU")
    return [.startRun(id: id, plan: plan, workspace: document.workspace, steps: runSteps)]
  }

  mutating func cancelRun() -> [ExplorerEffect] {
    guard let id = run?.id, run?.isRunning == true else { return [] }
    run?.phase = .cancelled
    status = StatusMessage("run cancelled after \(run?.stepsDone ?? 0) step(s)")
    return [.cancelRun(id: id)]
  }

  mutating func changeRunSteps(by change: Int) {
    runSteps = min(max(runSteps + change, 1), RunStatus.maximumSteps)
    status = StatusMessage("the next run takes \(runSteps) step(s)")
  }

  mutating func runProgressed(
    id: Int, step: Int, loss: Float, seconds: Double, stageSeconds: [Double],
    timeline: PipelineTimeline?
  ) {
    guard run?.id == id, run?.isRunning == true, step == (run?.stepsDone ?? 0) + 1 else {
      return
    }
    run?.losses.append(loss)
    run?.stepSeconds.append(seconds)
    run?.stageSeconds = stageSeconds
    run?.timeline = timeline
  }

  mutating func runFinished(id: Int, error: String?) {
    guard let finished = run, finished.id == id, finished.isRunning else { return }
    if let error {
      run?.phase = .failed(error)
      status = StatusMessage("the run failed: \(error)", isError: true)
    } else {
      run?.phase = .finished
      status = StatusMessage("ran \(finished.stepsDone) step(s) of \(finished.title)")
    }
  }

  /// Whether edits may change the plans now: not while a run is in flight, since its
  /// estimates and measurements are of the plan as it started. Says why in the status line.
  mutating func allowsEditsDuringRun() -> Bool {
    guard run?.isRunning == true else { return true }
    status = StatusMessage("a run is in flight: wait for it or cancel it with Esc in the Run view")
    return false
  }
}

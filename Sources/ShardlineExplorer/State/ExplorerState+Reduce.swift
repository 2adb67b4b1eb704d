/// The reducer: the only place the explorer's state changes.
extension ExplorerState {
  /// Applies `action` and returns the work it asks of the app (saving, solving).
  public mutating func reduce(_ action: ExplorerAction) -> [ExplorerEffect] {
    switch action {
    case .moveUp, .moveDown, .moveLeft, .moveRight, .pageUp, .pageDown, .home, .end:
      move(action)
    case .open: open()
    case .back: back()
    case .nextPane: focusedPane = (focusedPane + 1) % 2
    case .show(let page): show(page)
    case .switchDocument(let step): switchDocument(by: step)
    case .toggleHelp: overlay = overlay == nil ? .help(offset: 0) : nil
    case .moveBoundary, .cycleSubmesh, .cycleLogicalShape, .pinSelectedStrategy,
      .unpinSelectedOperator, .changeMicrobatches, .toggleSchedule:
      edit(action)
    case .undo, .redo: walkHistory(back: action == .undo)
    case .save: return save()
    case .beginSaveAs:
      overlay = .input(TextInput(purpose: .saveAs, text: document.path ?? ""))
    case .saveFinished(let index, let revision, let path, let plan, let error):
      return saveFinished(
        document: index, revision: revision, path: path, plan: plan, error: error)
    case .inputCharacter, .inputBackspace, .submitInput, .cancelInput:
      return input(action)
    case .cycleSort, .cyclePhaseFilter, .beginSearch, .expandAllLayers, .collapseAllLayers:
      operatorTableAction(action)
    case .zoomIn: zoomTimeline(by: 1)
    case .zoomOut: zoomTimeline(by: -1)
    case .toggleMeasuredTimeline: toggleMeasuredTimeline()
    case .cycleComparison: cycleComparison()
    case .resolve(let request): return resolve(request)
    case .cancelSolve: return cancelSolve()
    case .solveProgressed(let id, let line, let elapsed):
      guard solve?.id == id else { break }
      solve?.progress = line
      solve?.elapsedSeconds = elapsed
    case .solveFinished(let id, let plan, let error):
      solveFinished(id: id, plan: plan, error: error)
    case .startRun: return startRun()
    case .cancelRun: return cancelRun()
    case .changeRunSteps(let change): changeRunSteps(by: change)
    case .runRehearsing(let id, let note):
      if run?.id == id { run?.rehearsal = note }
    case .runProgressed(let id, let step, let loss, let seconds, let stageSeconds, let timeline):
      runProgressed(
        id: id, step: step, loss: loss, seconds: seconds, stageSeconds: stageSeconds,
        timeline: timeline)
    case .runFinished(let id, let error): runFinished(id: id, error: error)
    case .quit: quit()
    case .quitSaving: return quitSaving()
    case .quitDiscarding: hasQuit = true
    }
    return []
  }

  /// Sends `key` through the key map, if it means anything here.
  public mutating func reduce(key: Key) -> [ExplorerEffect] {
    guard let action = KeyMap.action(for: key, in: self) else { return [] }
    return reduce(action)
  }
}

/// The explorer's key table and the lookup from a key to an action.
public enum KeyMap {
  private static let upKeys: [Key] = [.up, .character("k")]
  private static let downKeys: [Key] = [.down, .character("j")]
  private static let leftKeys: [Key] = [.left, .character("h")]
  private static let rightKeys: [Key] = [.right, .character("l")]

  /// The bindings of `context`, in the order the help lists them.
  public static func bindings(_ context: KeyContext) -> [KeyBinding] {
    switch context {
    case .global:
      return [
        KeyBinding(upKeys, .moveUp, "up"),
        KeyBinding(downKeys, .moveDown, "down"),
        KeyBinding(leftKeys, .moveLeft, "left"),
        KeyBinding(rightKeys, .moveRight, "right"),
        KeyBinding([.pageUp], .pageUp, "page up"),
        KeyBinding([.pageDown], .pageDown, "page down"),
        KeyBinding([.home, .character("g")], .home, "first"),
        KeyBinding([.end, .character("G")], .end, "last"),
        KeyBinding([.enter], .open, "open", footer: true),
        KeyBinding([.escape, .backspace], .back, "back"),
        KeyBinding([.tab], .nextPane, "next pane"),
      ]
        + ExplorerPage.allCases.map {
          KeyBinding([.character($0.shortcut)], .show($0), $0.description.lowercased())
        }
        + [
          KeyBinding([.character("n")], .switchDocument(1), "next plan"),
          KeyBinding([.character("N")], .switchDocument(-1), "previous plan"),
          KeyBinding([.character("b")], .changeMicrobatches(1), "double microbatches"),
          KeyBinding([.character("B")], .changeMicrobatches(-1), "halve microbatches"),
          KeyBinding([.character("t")], .toggleSchedule, "1F1B ⇄ GPipe"),
          KeyBinding([.character("r")], .resolve(.selectedStage), "re-solve stage", footer: true),
          KeyBinding([.character("A")], .resolve(.allStages), "re-solve all stages"),
          KeyBinding([.character("R")], .resolve(.stagesAndSharding), "re-solve stages + sharding"),
          KeyBinding([.character("u")], .undo, "undo", footer: true),
          KeyBinding([.character("U")], .redo, "redo"),
          KeyBinding([.character("s")], .save, "save", footer: true),
          KeyBinding([.character("S")], .beginSaveAs, "save as"),
          KeyBinding([.character("?")], .toggleHelp, "help", footer: true),
          KeyBinding([.character("q")], .quit, "quit", footer: true),
        ]
    case .overview:
      return [
        KeyBinding([.character(">")], .moveBoundary(1), "stage takes next layer", footer: true),
        KeyBinding([.character("<")], .moveBoundary(-1), "stage gives last layer", footer: true),
        KeyBinding([.character("m")], .cycleSubmesh(1), "next submesh", footer: true),
        KeyBinding([.character("M")], .cycleSubmesh(-1), "previous submesh"),
        KeyBinding([.character("v")], .cycleLogicalShape, "next logical shape", footer: true),
      ]
    case .meshMap:
      return [
        KeyBinding([.character("m")], .cycleSubmesh(1), "next submesh", footer: true),
        KeyBinding([.character("M")], .cycleSubmesh(-1), "previous submesh"),
        KeyBinding([.character("v")], .cycleLogicalShape, "next logical shape", footer: true),
      ]
    case .stage:
      return [
        KeyBinding([.character("/")], .beginSearch, "search", footer: true),
        KeyBinding([.character("o")], .cycleSort, "sort", footer: true),
        KeyBinding([.character("f")], .cyclePhaseFilter, "phase filter", footer: true),
        KeyBinding([.character("e")], .expandAllLayers, "unfold all layers"),
        KeyBinding([.character("c")], .collapseAllLayers, "fold all layers"),
      ]
    case .operator:
      return [
        KeyBinding([.character("p")], .pinSelectedStrategy, "pin strategy", footer: true),
        KeyBinding([.character("P")], .unpinSelectedOperator, "unpin"),
      ]
    case .timeline:
      return [
        KeyBinding([.character("+"), .character("=")], .zoomIn, "zoom in", footer: true),
        KeyBinding([.character("-")], .zoomOut, "zoom out", footer: true),
        KeyBinding([.character("e")], .toggleMeasuredTimeline, "estimate ⇄ last run", footer: true),
      ]
    case .compare:
      return [
        KeyBinding([.character("c")], .cycleComparison, "compare with next", footer: true),
        KeyBinding(
          [.character("m")], .resolve(.baseline(.megatron)), "plan Megatron-LM's baseline",
          footer: true),
        KeyBinding([.character("z")], .resolve(.baseline(.zero2)), "plan ZeRO-2's baseline"),
        KeyBinding([.character("Z")], .resolve(.baseline(.zero3)), "plan ZeRO-3's baseline"),
      ]
    case .run:
      return [
        KeyBinding([.character("x")], .startRun, "run on CPU", footer: true),
        KeyBinding([.character("]")], .changeRunSteps(10), "10 more steps", footer: true),
        KeyBinding([.character("[")], .changeRunSteps(-10), "10 fewer steps", footer: true),
      ]
    case .running:
      return [KeyBinding([.escape], .cancelRun, "cancel run", footer: true)]
    case .solving:
      return [KeyBinding([.escape], .cancelSolve, "cancel re-solve", footer: true)]
    case .help:
      return [
        KeyBinding(
          [.escape, .character("?"), .character("q")], .toggleHelp, "close help",
          footer: true),
        KeyBinding(upKeys, .moveUp, "scroll up"),
        KeyBinding(downKeys, .moveDown, "scroll down"),
      ]
    case .confirmQuit:
      return [
        KeyBinding([.character("y")], .quitSaving, "save and quit", footer: true),
        KeyBinding([.character("n")], .quitDiscarding, "quit without saving", footer: true),
        KeyBinding([.escape, .character("c")], .back, "stay", footer: true),
      ]
    case .input:
      return [
        KeyBinding([.enter], .submitInput, "accept", footer: true),
        KeyBinding([.escape], .cancelInput, "cancel", footer: true),
        KeyBinding([.backspace], .inputBackspace, "delete a character"),
      ]
    }
  }

  /// The contexts whose bindings apply in `state`, the first match winning.
  public static func contexts(for state: ExplorerState) -> [KeyContext] {
    switch state.overlay {
    case .help: return [.help]
    case .confirmQuit: return [.confirmQuit]
    case .input: return [.input]
    case nil:
      var contexts = [KeyContext(state.page), .global]
      if state.page == .run, state.run?.isRunning == true { contexts.insert(.running, at: 0) }
      if state.solve != nil { contexts.insert(.solving, at: 0) }
      return contexts
    }
  }

  /// The action `key` triggers in `state`, if any. In a prompt, printable characters are
  /// typed.
  public static func action(for key: Key, in state: ExplorerState) -> ExplorerAction? {
    for context in contexts(for: state) {
      if let binding = bindings(context).first(where: { $0.keys.contains(key) }) {
        return binding.action
      }
    }
    if case .input = state.overlay, case .character(let character) = key {
      return .inputCharacter(character)
    }
    return nil
  }

  /// The bindings the footer lists in `state`.
  public static func footer(for state: ExplorerState) -> [KeyBinding] {
    contexts(for: state).flatMap { bindings($0).filter(\.showInFooter) }
  }
}

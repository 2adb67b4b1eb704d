import ShardlineExplorer
import Testing

@Suite("Key map")
struct KeyMapTests {
  @Test("no key is bound twice where both bindings could apply", arguments: KeyContext.allCases)
  func noDuplicates(context: KeyContext) {
    let page: [KeyContext] = [
      .overview, .meshMap, .stage, .operator, .timeline, .compare, .run,
    ]
    var layers = [KeyMap.bindings(context)]
    if page.contains(context) { layers.append(KeyMap.bindings(.global)) }
    if context == .solving {
      layers.append(KeyMap.bindings(.global))
    }
    if context == .running {
      layers += [KeyMap.bindings(.run), KeyMap.bindings(.global)]
    }
    var seen: [Key: String] = [:]
    for (depth, bindings) in layers.enumerated() {
      for binding in bindings {
        for key in binding.keys {
          // A context may shadow a global key on purpose only for Esc while solving or running.
          if depth > 0, seen[key] != nil, context == .solving || context == .running,
            key == .escape
          {
            continue
          }
          #expect(seen[key] == nil, "\(key) is bound to \(seen[key] ?? "") and \(binding.summary)")
          seen[key] = binding.summary
        }
      }
    }
  }

  @Test(
    "the issue's conventions hold: arrows and hjkl move, Enter opens, Esc and Backspace go back, ? helps, q quits"
  )
  func conventions() throws {
    let state = try ExplorerFixture.state()
    #expect(KeyMap.action(for: .up, in: state) == .moveUp)
    #expect(KeyMap.action(for: .character("k"), in: state) == .moveUp)
    #expect(KeyMap.action(for: .character("j"), in: state) == .moveDown)
    #expect(KeyMap.action(for: .character("h"), in: state) == .moveLeft)
    #expect(KeyMap.action(for: .character("l"), in: state) == .moveRight)
    #expect(KeyMap.action(for: .enter, in: state) == .open)
    #expect(KeyMap.action(for: .escape, in: state) == .back)
    #expect(KeyMap.action(for: .backspace, in: state) == .back)
    #expect(KeyMap.action(for: .tab, in: state) == .nextPane)
    #expect(KeyMap.action(for: .character("?"), in: state) == .toggleHelp)
    #expect(KeyMap.action(for: .character("q"), in: state) == .quit)
  }

  @Test("in a prompt, letters are typed instead of triggering their bindings")
  func prompt() throws {
    var state = try ExplorerFixture.state()
    state.overlay = .input(TextInput(purpose: .saveAs))
    #expect(KeyMap.action(for: .character("q"), in: state) == .inputCharacter("q"))
    #expect(KeyMap.action(for: .enter, in: state) == .submitInput)
  }
}

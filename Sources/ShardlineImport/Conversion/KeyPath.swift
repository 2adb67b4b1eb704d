/// A Python key path as JAX writes it in debug names: `params['w1']`, `opt_state[0].mu['b']`,
/// `result[1]['w1']`.
///
/// Components are kept as written (`params`, `[0]`, `.mu`, `['w1']`); the first one is the
/// argument's name (or `result` for results) when the path starts with an identifier.
struct KeyPath: Hashable {
  /// The components, the leading name first when there is one.
  let components: [String]
  /// Whether the first component is a leading name (`params`) rather than an index.
  let hasLeadingName: Bool

  /// Parses `text`; `nil` for an empty string.
  init?(_ text: String) {
    var components: [String] = []
    var current = ""
    var depth = 0
    var quote: Character?
    for character in text {
      if let open = quote {
        current.append(character)
        if character == open { quote = nil }
        continue
      }
      if depth > 0 && (character == "'" || character == "\"") {
        quote = character
        current.append(character)
        continue
      }
      switch character {
      case "[" where depth == 0:
        if !current.isEmpty { components.append(current) }
        current = "["
        depth = 1
      case "]" where depth == 1:
        current.append(character)
        components.append(current)
        current = ""
        depth = 0
      case "." where depth == 0:
        if !current.isEmpty { components.append(current) }
        current = "."
      default:
        current.append(character)
      }
    }
    if !current.isEmpty { components.append(current) }
    guard let first = components.first else { return nil }
    self.components = components
    hasLeadingName = !first.hasPrefix("[") && !first.hasPrefix(".")
  }

  /// The components after the leading name: `['w1']` for `params['w1']`, `[1]['w1']` for
  /// `result[1]['w1']`.
  var tail: [String] { Array(components.dropFirst(hasLeadingName ? 1 : 0)) }

  /// A node name: components without brackets and quotes, joined by dots (`params.w1`).
  var readable: String {
    components.map { component in
      component.filter { !"[]'\".".contains($0) }
    }.filter { !$0.isEmpty }.joined(separator: ".")
  }

  /// How well this argument path matches a result path: the argument's tail length when it is a
  /// suffix of the result's tail, else 0.
  func matchLength(againstResult result: KeyPath) -> Int {
    let mine = tail
    let theirs = result.tail
    guard !mine.isEmpty, mine.count <= theirs.count, Array(theirs.suffix(mine.count)) == mine
    else { return 0 }
    return mine.count
  }
}

/// The key table as Markdown, for the README (a test keeps the README's copy current).
extension KeyMap {
  /// One table per context that has bindings: keys and what they do.
  public static func markdown() -> String {
    var sections: [String] = []
    for context in KeyContext.allCases {
      let bindings = bindings(context)
      guard !bindings.isEmpty else { continue }
      var lines = ["**\(context)**", "", "| keys | action |", "|---|---|"]
      for binding in bindings {
        let keys = binding.keys.map {
          "`\($0.description.replacingOccurrences(of: "|", with: "\\|"))`"
        }
        lines.append("| \(keys.joined(separator: " ")) | \(binding.summary) |")
      }
      sections.append(lines.joined(separator: "\n"))
    }
    return sections.joined(separator: "\n\n")
  }
}

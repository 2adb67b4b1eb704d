import Foundation
import ShardlinePlan

/// Saving, the prompts, and quitting with unsaved edits.
extension ExplorerState {
  mutating func save() -> [ExplorerEffect] {
    guard let path = document.path else {
      overlay = .input(TextInput(purpose: .saveAs, text: suggestedPath()))
      return []
    }
    return [saveEffect(document: active, path: path)]
  }

  mutating func saveFinished(
    document index: Int, revision: Int, path: String, plan: Plan, error: String?
  ) -> [ExplorerEffect] {
    guard documents.indices.contains(index) else { return [] }
    if let error {
      quitsAfterSaving = false
      status = StatusMessage("not saved: \(error)", isError: true)
      return []
    }
    documents[index].markSaved(revision: revision, path: path, plan: plan)
    status = StatusMessage("saved \(path)")
    if quitsAfterSaving { return quitSaving() }
    return []
  }

  mutating func input(_ action: ExplorerAction) -> [ExplorerEffect] {
    guard case .input(var input) = overlay else { return [] }
    switch action {
    case .inputCharacter(let character):
      input.text.append(character)
    case .inputBackspace:
      if !input.text.isEmpty { input.text.removeLast() }
    case .cancelInput:
      overlay = nil
      quitsAfterSaving = false
      if input.purpose == .search { operatorTable.query = "" }
      return []
    case .submitInput:
      overlay = nil
      switch input.purpose {
      case .search:
        operatorTable.query = input.text
        operatorTable.cursor = 0
        let count = operatorRows().count
        status = StatusMessage("\(count) op\(count == 1 ? "" : "s") match '\(input.text)'")
        return []
      case .saveAs:
        let path = Self.expandingTilde(input.text.trimmingCharacters(in: .whitespaces))
        guard !path.isEmpty else {
          status = StatusMessage("not saved: no file name given", isError: true)
          return []
        }
        return [saveEffect(document: active, path: path)]
      }
    default:
      return []
    }
    overlay = .input(input)
    if input.purpose == .search {
      operatorTable.query = input.text
      operatorTable.cursor = 0
    }
    return []
  }

  mutating func quit() {
    if documents.contains(where: \.isDirty) {
      overlay = .confirmQuit
    } else {
      hasQuit = true
    }
  }

  /// Saves every plan with unsaved edits, asking for a file name where one has none, then
  /// quits once all are written.
  mutating func quitSaving() -> [ExplorerEffect] {
    overlay = nil
    quitsAfterSaving = true
    let dirty = documents.indices.filter { documents[$0].isDirty }
    guard let first = dirty.first else {
      hasQuit = true
      return []
    }
    guard let path = documents[first].path else {
      active = first
      overlay = .input(TextInput(purpose: .saveAs, text: suggestedPath()))
      return []
    }
    return [saveEffect(document: first, path: path)]
  }

  private func saveEffect(document index: Int, path: String) -> ExplorerEffect {
    let document = documents[index]
    return .save(
      document: index, revision: document.revision, plan: document.planForSaving, path: path)
  }

  /// `<model>-plan.json` in the working directory, for a plan never saved.
  private func suggestedPath() -> String {
    document.path ?? "\(document.plan.model.name)-plan.json"
  }

  private static func expandingTilde(_ path: String) -> String {
    guard path.hasPrefix("~/") else { return path }
    return NSHomeDirectory() + path.dropFirst()
  }
}

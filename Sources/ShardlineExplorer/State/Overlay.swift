/// A box over the current view that takes the keys while it is open.
public enum Overlay: Sendable, Hashable {
  /// Every key binding, scrolled by `offset` rows.
  case help(offset: Int)
  /// Quitting with unsaved edits: save, discard or stay.
  case confirmQuit
  /// A line of text being typed.
  case input(TextInput)
}

/// A line of text being typed into a prompt.
public struct TextInput: Sendable, Hashable {
  /// What the text is for.
  public enum Purpose: Sendable, Hashable {
    /// A path to save the plan to.
    case saveAs
    /// A search of the operator table.
    case search
  }

  /// What the text is for.
  public var purpose: Purpose
  /// The text so far.
  public var text: String

  /// Creates an input.
  public init(purpose: Purpose, text: String = "") {
    self.purpose = purpose
    self.text = text
  }

  /// The prompt shown before the text.
  public var prompt: String {
    switch purpose {
    case .saveAs: "Save as: "
    case .search: "/"
    }
  }
}

/// Why a text cannot be trained on.
public enum CorpusError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file cannot be read as UTF-8 text.
  case unreadable(path: String, reason: String)
  /// The text has no characters.
  case empty(name: String)
  /// The text has more distinct characters than the model has token ids.
  case alphabetTooLarge(name: String, characters: Int, vocab: Int)
  /// The text is shorter than one sequence and its last label.
  case tooShort(name: String, characters: Int, needed: Int)

  /// One line naming the file and what is wrong.
  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
    case .empty(let name): "\(name): the corpus is empty"
    case .alphabetTooLarge(let name, let characters, let vocab):
      "\(name): the corpus has \(characters) distinct characters, more than the model's "
        + "vocabulary of \(vocab)"
    case .tooShort(let name, let characters, let needed):
      "\(name): the corpus has \(characters) characters, fewer than the \(needed) one sequence "
        + "and its labels need"
    }
  }
}

import Foundation
import ShardlineInterpreter

/// A text read as a sequence of character ids, for training a character-level language model:
/// each distinct character gets an id by its place in the sorted alphabet.
public struct CharacterCorpus: Sendable, Hashable {
  /// Where the text came from, for messages.
  public let name: String
  /// The distinct characters, sorted; a character's id is its index.
  public let alphabet: [Character]
  /// The text as character ids.
  public let ids: [Int32]

  /// The corpus of `text`.
  ///
  /// - Parameter name: Where the text came from (a file path), for messages.
  /// - Throws: ``CorpusError/empty(name:)`` for an empty text.
  public init(text: String, name: String) throws(CorpusError) {
    guard !text.isEmpty else { throw .empty(name: name) }
    let alphabet = Set(text).sorted()
    let id = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, Int32($0)) })
    self.name = name
    self.alphabet = alphabet
    ids = text.map { id[$0]! }
  }

  /// The corpus of the UTF-8 text file at `path`.
  ///
  /// - Throws: ``CorpusError/unreadable(path:reason:)`` or ``CorpusError/empty(name:)``.
  public init(contentsOf path: String) throws(CorpusError) {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadable(path: path, reason: "not UTF-8 text")
    }
    try self.init(text: text, name: path)
  }

  /// Throws unless a model with a vocabulary of `vocab` ids reading `length` characters at a
  /// time can train on the corpus: the alphabet fits the vocabulary, and the text holds at
  /// least one window of `length` characters and the one after it.
  ///
  /// - Throws: ``CorpusError/alphabetTooLarge(name:characters:vocab:)`` or
  ///   ``CorpusError/tooShort(name:characters:needed:)``.
  public func checkFits(vocab: Int, length: Int) throws(CorpusError) {
    guard alphabet.count <= vocab else {
      throw .alphabetTooLarge(name: name, characters: alphabet.count, vocab: vocab)
    }
    guard ids.count > length else {
      throw .tooShort(name: name, characters: ids.count, needed: length + 1)
    }
  }

  /// `sequences` windows of `length` characters at uniformly drawn places of the text, row
  /// after row, and for each position the id of the character that follows it.
  ///
  /// - Precondition: ``checkFits(vocab:length:)`` passed for `length`.
  public func batch(sequences: Int, length: Int, using generator: inout SplitMix64)
    -> (tokens: [Float], labels: [Float])
  {
    precondition(ids.count > length, "the corpus is shorter than one window and its label")
    var tokens: [Float] = []
    var labels: [Float] = []
    tokens.reserveCapacity(sequences * length)
    labels.reserveCapacity(sequences * length)
    let starts = UInt64(ids.count - length)
    for _ in 0..<sequences {
      let start = Int(generator.uniform(below: starts))
      tokens += ids[start..<(start + length)].map(Float.init)
      labels += ids[(start + 1)...(start + length)].map(Float.init)
    }
    return (tokens, labels)
  }
}

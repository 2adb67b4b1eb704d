import ShardlineInterpreter
import ShardlineRuntime
import Testing

@Suite("Character corpora")
struct CharacterCorpusTests {
  private static let text = "the cat sat on the mat. the dog sat on the log.\n"

  @Test("ids index the sorted alphabet, and decode back to the text")
  func ids() throws {
    let corpus = try CharacterCorpus(text: Self.text, name: "tales")
    #expect(corpus.alphabet == Set(Self.text).sorted())
    #expect(corpus.ids.count == Self.text.count)
    #expect(String(corpus.ids.map { corpus.alphabet[Int($0)] }) == Self.text)
  }

  @Test("batches are windows of the text whose labels are the next characters")
  func batches() throws {
    let corpus = try CharacterCorpus(text: Self.text, name: "tales")
    var generator = SplitMix64(seed: 5)
    let batch = corpus.batch(sequences: 6, length: 10, using: &generator)
    #expect(batch.tokens.count == 60 && batch.labels.count == 60)
    #expect(batch.tokens.allSatisfy { $0 >= 0 && Int($0) < corpus.alphabet.count })
    let ids = corpus.ids.map(Float.init)
    for row in 0..<6 {
      let tokens = Array(batch.tokens[(row * 10)..<(row * 10 + 10)])
      let labels = Array(batch.labels[(row * 10)..<(row * 10 + 10)])
      #expect(Array(tokens.dropFirst()) == Array(labels.dropLast()))
      let start = try #require(
        (0...(ids.count - 11)).first {
          Array(ids[$0..<($0 + 10)]) == tokens && ids[$0 + 10] == labels[9]
        })
      #expect(ids[start + 1] == labels[0])
    }
  }

  @Test("the same seed draws the same batches, another seed others")
  func deterministic() throws {
    let corpus = try CharacterCorpus(text: Self.text, name: "tales")
    var first = SplitMix64(seed: 9)
    var second = SplitMix64(seed: 9)
    var other = SplitMix64(seed: 10)
    let a = corpus.batch(sequences: 4, length: 8, using: &first)
    let b = corpus.batch(sequences: 4, length: 8, using: &second)
    let c = corpus.batch(sequences: 4, length: 8, using: &other)
    #expect(a.tokens == b.tokens && a.labels == b.labels)
    #expect(a.tokens != c.tokens)
  }

  @Test("an empty text, an alphabet larger than the vocabulary and a text too short are refused")
  func refusals() throws {
    #expect(throws: CorpusError.empty(name: "empty.txt")) {
      try CharacterCorpus(text: "", name: "empty.txt")
    }
    let corpus = try CharacterCorpus(text: Self.text, name: "tales")
    let distinct = corpus.alphabet.count
    #expect(
      throws: CorpusError.alphabetTooLarge(name: "tales", characters: distinct, vocab: 8)
    ) {
      try corpus.checkFits(vocab: 8, length: 4)
    }
    #expect(
      throws: CorpusError.tooShort(name: "tales", characters: Self.text.count, needed: 101)
    ) {
      try corpus.checkFits(vocab: 64, length: 100)
    }
    try corpus.checkFits(vocab: 64, length: 16)
  }

  @Test("a missing file is refused naming it")
  func missingFile() {
    #expect {
      try CharacterCorpus(contentsOf: "/nonexistent/tales.txt")
    } throws: { error in
      "\(error)".hasPrefix("/nonexistent/tales.txt: cannot read")
    }
  }
}

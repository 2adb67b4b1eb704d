import ShardlineIR
import Testing

@testable import ShardlineModels

@Suite("Model zoo presets")
struct ModelZooTests {
  /// The paper's suites with the size each name states.
  static let paperSuite: [(String, Double)] = [
    ("gpt-350m", 350e6), ("gpt-760m", 760e6), ("gpt-1.3b", 1.3e9), ("gpt-2.6b", 2.6e9),
    ("gpt-6.7b", 6.7e9), ("gpt-15b", 15e9), ("gpt-39b", 39e9),
    ("moe-380m", 380e6), ("moe-690m", 690e6), ("moe-1.3b", 1.3e9), ("moe-2.4b", 2.4e9),
    ("moe-10b", 10e9), ("moe-27b", 27e9), ("moe-70b", 70e9),
    ("wresnet-250m", 250e6), ("wresnet-500m", 500e6), ("wresnet-1b", 1e9),
    ("wresnet-2b", 2e9), ("wresnet-4b", 4e9), ("wresnet-6.8b", 6.8e9), ("wresnet-13b", 13e9),
  ]

  @Test(
    "every paper preset's analytic parameter count is within 5 % of its name", arguments: paperSuite
  )
  func paperSizes(name: String, size: Double) throws {
    let count = Double(try ModelZoo.preset(named: name).parameterCount)
    #expect(abs(count / size - 1) <= 0.05, "\(name): \(count)")
  }

  @Test("the analytic counts of selected presets are the exact closed-form values")
  func exactCounts() throws {
    // 51200·1024 + 1024·1024 + 24·(12·1024² + 13·1024) + 2·1024
    #expect(try ModelZoo.preset(named: "gpt-350m").parameterCount == 355_788_800)
    // 32000·768 + 1024·768 + 2·768 + 8·(4·768² + 8·768) + 4·(16·768² + 9·768)
    //   + 4·(768·8 + 8·(16·768² + 9·768))
    #expect(try ModelZoo.preset(named: "moe-380m").parameterCount == 384_299_520)
    #expect(try ModelZoo.preset(named: "wresnet-250m").parameterCount == 254_123_104)
  }

  @Test("preset names are unique, lower-case and looked up case-insensitively")
  func names() throws {
    let names = ModelZoo.names
    #expect(Set(names).count == names.count)
    #expect(names.allSatisfy { $0 == $0.lowercased() })
    #expect(try ModelZoo.preset(named: "GPT-1.3B").name == "gpt-1.3b")
    for tiny in ["gpt-tiny", "moe-tiny", "wresnet-tiny", "mlp-tiny"] {
      #expect(names.contains(tiny))
    }
  }

  @Test("an unknown preset name is an error listing every known name")
  func unknownPreset() {
    #expect(throws: ModelError.unknownPreset(name: "gpt-5", known: ModelZoo.names)) {
      try ModelZoo.preset(named: "gpt-5")
    }
    let message = ModelError.unknownPreset(name: "gpt-5", known: ["a", "b"]).description
    #expect(message == "unknown model 'gpt-5' (known: a, b)")
  }

  @Test("paper presets use the paper's global batch and precision")
  func batchesAndPrecision() throws {
    for preset in ModelZoo.presets where !preset.name.hasSuffix("-tiny") {
      switch preset.family {
      case .gpt, .moe:
        #expect(preset.model.batch == 1024)
        #expect(preset.computeType == .f16)
      case .wideResNet:
        #expect(preset.model.batch == 1536)
        #expect(preset.computeType == .f32)
      case .mlp: break
      }
    }
  }
}

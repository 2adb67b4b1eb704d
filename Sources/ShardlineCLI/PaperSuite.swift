import ShardlineHardware
import ShardlinePlanner

/// The weak-scaling suites of the Alpa paper (Zheng et al., OSDI 2022, Table 4 and Fig. 7): each
/// model size on the number of p3.16xlarge GPUs it was run on, and the baselines it was
/// compared with.
enum PaperSuite: String, CaseIterable {
  case gpt, moe, wresnet

  /// (preset, GPUs) rows, smallest first.
  var rows: [(preset: String, gpus: Int)] {
    switch self {
    case .gpt:
      [
        ("gpt-350m", 1), ("gpt-760m", 2), ("gpt-1.3b", 4), ("gpt-2.6b", 8), ("gpt-6.7b", 16),
        ("gpt-15b", 32), ("gpt-39b", 64),
      ]
    case .moe:
      [
        ("moe-380m", 1), ("moe-690m", 2), ("moe-1.3b", 4), ("moe-2.4b", 8), ("moe-10b", 16),
        ("moe-27b", 32), ("moe-70b", 64),
      ]
    case .wresnet:
      [
        ("wresnet-250m", 1), ("wresnet-500m", 2), ("wresnet-1b", 4), ("wresnet-2b", 8),
        ("wresnet-4b", 16), ("wresnet-6.8b", 32), ("wresnet-13b", 64),
      ]
    }
  }

  /// The baselines the row is compared with: the paper's hand-written system for the family
  /// first, then the ablations of its §8.3.
  var baselines: [Baseline] {
    switch self {
    case .gpt: [.megatron, .zero2, .zero3, .ppDP, .interOpOnly, .intraOpOnly]
    case .moe: [.deepspeedMoE, .zero2, .zero3, .ppDP, .interOpOnly, .intraOpOnly]
    case .wresnet: [.ppDP, .zero2, .zero3, .interOpOnly, .intraOpOnly]
    }
  }

  /// `gpus` V100s of p3.16xlarge hosts: whole hosts from 8 up, a part of one host below.
  static func cluster(gpus: Int) throws -> ClusterSpec {
    if gpus >= 8 { return try ClusterSpec.parse("p3.16xlarge:\(gpus / 8)") }
    var host = try ClusterSpec.parse("p3.16xlarge").host
    host.devicesPerHost = gpus
    return ClusterSpec(name: "p3.16xlarge (\(gpus) of 8 GPUs)", host: host, hostCount: 1)
  }
}

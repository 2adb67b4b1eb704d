/// A hand-designed parallelization Shardline is held against: each is the planner's own search
/// confined to what that system can express (Alpa §8), so its plan is evaluated by the same cost
/// model and can be saved, explored and compared like any other.
public enum Baseline: String, CaseIterable, Sendable {
  /// Megatron-LM's 3-D parallelism (Shoeybi et al., 2019; Narayanan et al., SC'21): the best
  /// point of the grid of data × tensor × pipeline parallel degrees, with Megatron's
  /// tensor-parallel layout inside a host and equal-size pipeline stages.
  case megatron
  /// ZeRO stage 2 (Rajbhandari et al., SC'20): one data-parallel stage over every device with
  /// optimizer state and gradients partitioned.
  case zero2
  /// ZeRO stage 3 (Rajbhandari et al., SC'20): ZeRO-2 with the parameters partitioned too.
  case zero3
  /// DeepSpeed-MoE (Rajbhandari et al., ICML'22): expert parallelism for the expert layers and
  /// ZeRO data parallelism for the rest, on one stage over every device; MoE models only.
  case deepspeedMoE = "deepspeed-moe"
  /// Pipeline plus data parallelism, Alpa's "PP-DP" baseline (§8.1): the full stage search,
  /// with every stage purely data-parallel.
  case ppDP = "pp-dp"
  /// Alpa's "inter-op only" baseline (Zheng et al., OSDI'22 §8.1, Figure 7): pipeline stages on
  /// single devices, no sharding.
  case interOpOnly = "inter-op-only"
  /// Alpa's "intra-op only" baseline (§8.1, Figure 7): one stage over every device, shardings
  /// searched.
  case intraOpOnly = "intra-op-only"

  /// One line saying what the baseline is and where it comes from.
  public var summary: String {
    switch self {
    case .megatron:
      "Megatron-LM 3-D grid: data × tensor × pipeline parallel "
        + "(Shoeybi et al. 2019; Narayanan et al., SC'21)"
    case .zero2:
      "ZeRO-2: data parallel, optimizer state and gradients partitioned "
        + "(Rajbhandari et al., SC'20)"
    case .zero3:
      "ZeRO-3: data parallel, parameters, gradients and optimizer state partitioned "
        + "(Rajbhandari et al., SC'20)"
    case .deepspeedMoE:
      "DeepSpeed-MoE: expert parallel experts, ZeRO data parallel rest "
        + "(Rajbhandari et al., ICML'22)"
    case .ppDP:
      "pipeline stages, each data parallel (Alpa's PP-DP, Zheng et al., OSDI'22 §8.1)"
    case .interOpOnly:
      "pipeline stages on single devices, no sharding (Alpa's inter-op only, OSDI'22 §8.1)"
    case .intraOpOnly:
      "one stage over every device, shardings searched (Alpa's intra-op only, OSDI'22 §8.1)"
    }
  }
}

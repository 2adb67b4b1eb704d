import ShardlineSharding

/// Choices of the inter-operator planner that are not part of the problem itself.
public struct PlannerOptions: Sendable, Codable, Hashable {
  /// How forward ops are grouped into layers.
  public enum LayerChoice: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The model's own layer annotations; a graph without any (an imported JAX step) is
    /// clustered as ``automatic`` does.
    case model
    /// Alpa's clustering DP with a layer count it chooses.
    case automatic
    /// Alpa's clustering DP into exactly this many layers.
    case count(Int)

    /// `model`, `auto` or the count.
    public var description: String {
      switch self {
      case .model: "model"
      case .automatic: "auto"
      case .count(let count): "\(count)"
      }
    }
  }

  /// How many microbatches an iteration is split into.
  public enum MicrobatchChoice: Sendable, Codable, Hashable, CustomStringConvertible {
    /// Searched: every count that divides the global batch, up to the batch itself.
    case automatic
    /// Exactly this many.
    case count(Int)

    /// `auto` or the count.
    public var description: String {
      switch self {
      case .automatic: "auto"
      case .count(let count): "\(count)"
      }
    }
  }

  /// Layers. Default: the model's annotations.
  public var layers: LayerChoice
  /// Microbatches. Default: searched.
  public var microbatches: MicrobatchChoice
  /// FLOP imbalance the clustering DP allows: each layer ≤ (1 + ε)·average (Alpa used 0.5).
  public var clusteringEpsilon: Double
  /// Fraction of device memory a plan may use (the rest is left for the framework,
  /// fragmentation and workspace), between 0 and 1.
  public var memoryFraction: Double
  /// A stage candidate is skipped when its share of the cluster's devices and its share of the
  /// model's FLOPs differ by more than this factor (Alpa's pruning of unbalanced candidates),
  /// in searches of more than ``pruningThreshold`` candidates.
  public var imbalanceLimit: Double
  /// Searches with at most this many (layer range, submesh) candidates price them all; pruning
  /// only pays off, and only risks missing a plan, in larger ones.
  public var pruningThreshold: Int
  /// Whether structurally identical layers share one intra-op solve (off: every layer and
  /// range is solved on its own, for testing that reuse changes nothing).
  public var reusesIdenticalLayers: Bool
  /// Whether every candidate range of layers is solved as one ILP instead of composed from its
  /// layers' profiles: far slower, for checking that composition finds the same plans.
  public var solvesRangesJointly: Bool
  /// Whether each layer recomputes its activations in the backward (activation checkpointing),
  /// keeping only its inputs between forward and backward. Alpa's and Megatron-LM's GPT and MoE
  /// runs used it; on by default.
  public var rematerialization: Bool
  /// Time limit of each intra-op ILP, in seconds.
  public var solverTimeLimitSeconds: Double
  /// Options of the intra-operator pass.
  public var sharding: ShardingOptions

  /// Creates options.
  public init(
    layers: LayerChoice = .model, microbatches: MicrobatchChoice = .automatic,
    clusteringEpsilon: Double = 0.5, memoryFraction: Double = 0.9, imbalanceLimit: Double = 4,
    pruningThreshold: Int = 2000,
    reusesIdenticalLayers: Bool = true, solvesRangesJointly: Bool = false,
    rematerialization: Bool = true,
    solverTimeLimitSeconds: Double = 60,
    sharding: ShardingOptions = ShardingOptions()
  ) {
    self.layers = layers
    self.microbatches = microbatches
    self.clusteringEpsilon = clusteringEpsilon
    self.memoryFraction = memoryFraction
    self.imbalanceLimit = imbalanceLimit
    self.pruningThreshold = pruningThreshold
    self.reusesIdenticalLayers = reusesIdenticalLayers
    self.solvesRangesJointly = solvesRangesJointly
    self.rematerialization = rematerialization
    self.solverTimeLimitSeconds = solverTimeLimitSeconds
    self.sharding = sharding
  }
}

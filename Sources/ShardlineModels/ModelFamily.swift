/// The architectures of the model zoo.
public enum ModelFamily: String, Codable, Sendable, CaseIterable, Hashable {
  /// GPT-style decoder-only transformers (``GPTConfig``).
  case gpt
  /// GShard mixture-of-experts transformers (``MoEConfig``).
  case moe
  /// Wide bottleneck ResNets (``WideResNetConfig``).
  case wideResNet = "wresnet"
  /// Multi-layer perceptrons (``MLPConfig``).
  case mlp

  /// The family's name in messages: `GPT`, `MoE`, `Wide-ResNet`, `MLP`.
  public var displayName: String {
    switch self {
    case .gpt: "GPT"
    case .moe: "MoE"
    case .wideResNet: "Wide-ResNet"
    case .mlp: "MLP"
    }
  }
}

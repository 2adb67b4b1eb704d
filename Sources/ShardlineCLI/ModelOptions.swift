import ArgumentParser
import Foundation
import ShardlineIR
import ShardlineImport
import ShardlineModels

/// The model a command works on: a zoo preset with size overrides, a graph JSON file, or a JAX
/// training step as StableHLO text (`.mlir`).
struct ModelOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A model preset (see `shardline models`), a graph JSON file, or a JAX step as StableHLO "
        + "text (.mlir).", valueName: "name|file"))
  var model: String = "gpt-tiny"

  @Option(help: "Hidden size (GPT, MoE, MLP).") var hidden: Int?
  @Option(help: "Transformer blocks, ResNet depth (50/101) or MLP hidden layers.") var depth: Int?
  @Option(help: "Attention heads (GPT, MoE).") var heads: Int?
  @Option(help: "Sequence length in tokens (GPT, MoE).") var seq: Int?
  @Option(help: "Vocabulary size (GPT, MoE).") var vocab: Int?
  @Option(help: "Experts per MoE layer.") var experts: Int?
  @Option(help: "Global batch size.") var batch: Int?
  @Option(help: "Classes (Wide-ResNet, MLP).") var classes: Int?
  @Option(name: .customLong("image-size"), help: "Image height and width (Wide-ResNet).")
  var imageSize: Int?
  @Option(name: .customLong("base-channels"), help: "First-stage filters (Wide-ResNet).")
  var baseChannels: Int?
  @Option(name: .customLong("width-factor"), help: "Widening factor (Wide-ResNet).")
  var widthFactor: Int?
  @Option(help: "Compute dtype: f32, f16 or bf16 (mixed precision keeps f32 master weights).")
  var dtype: String?
  @Option(help: "Optimizer: sgd, momentum or adam.") var optimizer: String = "adam"
  @Option(name: .customLong("lr"), help: "Learning rate.") var learningRate: Double = 1e-3
  @OptionGroup var importRoles: ImportRoleFlags

  /// Whether `--model` names a graph file (JSON or StableHLO) rather than a preset.
  var isGraphFile: Bool {
    model.hasSuffix(".json") || StableHLOFile.isStableHLO(model) || model.contains("/")
  }

  /// The optimizer the flags name.
  func resolvedOptimizer() throws -> Optimizer {
    switch optimizer.lowercased() {
    case "sgd": return .sgd(learningRate: learningRate)
    case "momentum": return .momentum(learningRate: learningRate, momentum: 0.9)
    case "adam": return .adam(learningRate: learningRate)
    default: throw CLIError("unknown optimizer '\(optimizer)' (known: sgd, momentum, adam)")
    }
  }

  /// The preset with the size flags applied.
  func resolvedPreset() throws -> ModelPreset {
    var computeType: DType?
    if let dtype {
      guard let type = DType(rawValue: dtype.lowercased()), type.isFloatingPoint else {
        throw CLIError("unknown compute dtype '\(dtype)' (known: f32, f16, bf16)")
      }
      computeType = type
    }
    let overrides = ModelOverrides(
      hidden: hidden, layers: depth, heads: heads, seq: seq, vocab: vocab, experts: experts,
      batch: batch, computeType: computeType, classes: classes, imageSize: imageSize,
      baseChannels: baseChannels, widthFactor: widthFactor)
    do {
      return try ModelZoo.preset(named: model).applying(overrides)
    } catch {
      throw CLIError(error.description)
    }
  }

  /// The training-step graph: imported from StableHLO, loaded from the file, or built from the
  /// preset.
  func resolvedGraph() throws -> Graph { try resolvedModel().graph }

  /// The training-step graph with the `sdy.sharding` annotations of a StableHLO step's
  /// arguments (none for a graph file or a preset).
  func resolvedModel() throws -> ImportedModel {
    if StableHLOFile.isStableHLO(model) {
      return try StableHLOFile.load(model, roles: importRoles)
    }
    return ImportedModel(graph: try builtGraph())
  }

  /// The graph of a graph JSON file or of the preset.
  private func builtGraph() throws -> Graph {
    if isGraphFile {
      let url = URL(fileURLWithPath: model)
      let data: Data
      do {
        data = try Data(contentsOf: url)
      } catch {
        throw CLIError("cannot read graph file \(model): \(error.localizedDescription)")
      }
      do {
        return try Graph(jsonData: data)
      } catch {
        throw CLIError("\(model): \(error.description)")
      }
    }
    let preset = try resolvedPreset()
    do {
      return try preset.trainingStep(optimizer: try resolvedOptimizer())
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError("building \(preset.name): \(error)")
    }
  }
}

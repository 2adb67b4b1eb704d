/// Choices that override what ``StableHLOImporter`` infers from a module.
///
/// The importer guesses each argument's role from the data flow (see ``StableHLOImporter``); when
/// the guess is wrong, the CLI's `--batch-args 3,4`, `--parameter-args 0,1` and `--loss-result 0`
/// flags set these fields.
public struct ImportOptions: Sendable, Hashable {
  /// 0-based indices of `main`'s arguments that are batch data, whatever the data flow suggests;
  /// `nil` to infer.
  public var batchArguments: [Int]?
  /// 0-based indices of `main`'s arguments that are trainable parameters; `nil` to infer.
  public var parameterArguments: [Int]?
  /// 0-based index of `main`'s result that is the loss; `nil` to take the first scalar
  /// floating-point result that depends on the batch.
  public var lossResult: Int?
  /// The graph's name; `nil` to use the module's name (without a `jit_` prefix) or `imported`.
  public var name: String?

  /// Creates options; every field defaults to inferring.
  public init(
    batchArguments: [Int]? = nil, parameterArguments: [Int]? = nil, lossResult: Int? = nil,
    name: String? = nil
  ) {
    self.batchArguments = batchArguments
    self.parameterArguments = parameterArguments
    self.lossResult = lossResult
    self.name = name
  }
}

import ShardlinePlan
import ShardlinePlanner

/// Rehearsing a plan file's plan on a smaller model (`run --scale-down`).
extension PlanFile {
  /// The file's plan scaled down by `factor`, its batch by `batchFactor` (see
  /// ``Plan/scaledDown(by:batchBy:)``), with its model source rebuilding the smaller model.
  ///
  /// - Throws: ``CLIError`` naming the file and the option, with the factors that would fit.
  func scaledDown(by factor: Int, batchBy batchFactor: Int?) throws -> PlanFile {
    let scaled: Plan
    do {
      scaled = try plan.scaledDown(by: factor, batchBy: batchFactor)
    } catch {
      throw CLIError("\(path): \(error)")
    }
    guard let config = scaled.model.config else { return self }
    return PlanFile(
      path: path, plan: scaled,
      source: .zoo(name: scaled.model.name, config: config, training: scaled.model.training))
  }
}

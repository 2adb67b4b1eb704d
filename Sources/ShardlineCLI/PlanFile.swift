import Foundation
import ShardlineIR
import ShardlinePlan
import ShardlinePlanner

/// A plan file as read, with the model it was made for rebuilt: what `evaluate` and `explore`
/// share. Every error names the file.
struct PlanFile {
  /// Where it was read from.
  var path: String
  /// The plan.
  var plan: Plan
  /// The model the plan was made for.
  var source: ModelSource

  /// Reads the plan file at `path` and the model it was made for: its zoo model, or the graph
  /// file `graphFile` for a plan made from a graph file (a `.mlir` step imported with `roles`).
  ///
  /// - Throws: ``CLIError`` naming the file: it cannot be read, is not a plan file, or needs a
  ///   graph file that was not given (or was given one it does not need).
  static func load(
    _ path: String, graphFile: String? = nil, roles: ImportRoleFlags = ImportRoleFlags()
  ) throws -> PlanFile {
    let plan = try readPlan(path)
    return PlanFile(
      path: path, plan: plan,
      source: try modelSource(of: plan, path: path, graphFile: graphFile, roles: roles))
  }

  /// The plan in the file at `path`, without its model.
  ///
  /// - Throws: ``CLIError`` naming the file: it cannot be read, or is not a plan file.
  static func readPlan(_ path: String) throws -> Plan {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CLIError("\(path): cannot read: \(error.localizedDescription)")
    }
    do {
      return try Plan(jsonData: data)
    } catch {
      throw CLIError("\(path): \(error)")
    }
  }

  /// The model `plan` (read from `path`) was made for.
  private static func modelSource(
    of plan: Plan, path: String, graphFile: String?, roles: ImportRoleFlags
  ) throws -> ModelSource {
    if let config = plan.model.config {
      if let graphFile {
        throw CLIError(
          "--model \(graphFile): \(path) rebuilds its own model (\(plan.model.name)); "
            + "--model is only for plans made from a graph file")
      }
      return .zoo(name: plan.model.name, config: config, training: plan.model.training)
    }
    guard let graphFile else {
      throw CLIError(
        "\(path) was made from the graph file \(plan.model.name); give it with --model FILE")
    }
    var options = try ModelOptions.parse(["--model", graphFile])
    options.importRoles = roles
    return try options.modelSource()
  }

  /// The per-microbatch training graph of the plan, built from its model.
  ///
  /// - Throws: ``CLIError`` naming the file when the model cannot be built at that size.
  func microbatchGraph() throws -> Graph {
    do {
      return try source.microbatchGraph(microbatches: plan.microbatches)
    } catch {
      throw CLIError("\(path): \(error.description)")
    }
  }
}

import ArgumentParser

/// The `shardline` command: plans, inspects and runs parallel training of large models.
public struct ShardlineCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "shardline",
    abstract: "Automatic parallelization planner for training large neural networks.",
    discussion: """
      Shardline searches the space of pipeline stages, device submeshes and per-operator \
      shardings of a training step (after Alpa, OSDI 2022).
      """,
    subcommands: [
      ExploreCommand.self, InspectCommand.self, ModelsCommand.self, ClustersCommand.self,
      ExportCommand.self, ShardCommand.self, PlanCommand.self, BaselineCommand.self,
      EvaluateCommand.self, RunCommand.self, CalibrateCommand.self, BenchCommand.self,
      ImportCommand.self,
    ]
  )

  public init() {}
}

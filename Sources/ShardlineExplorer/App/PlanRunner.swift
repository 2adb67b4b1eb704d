import Foundation
import ShardlinePlan
import ShardlineRuntime

/// Runs a plan's training steps on CPU devices for the Run view, off the main actor.
enum PlanRunner {
  /// The seed of the parameters and the batch, as `shardline run` draws them by default.
  static let seed: UInt64 = 1

  /// Runs `steps` steps of `plan`, posting each step's measurements and then the end with
  /// `id`, and stops before the next step once `isCancelled` says so (posting nothing more).
  /// Blocks the calling thread until then.
  static func run(
    id: Int, plan: Plan, workspace: PlanWorkspace, steps: Int,
    isCancelled: @Sendable () -> Bool, post: @Sendable (ExplorerAction) -> Void
  ) {
    var session: TrainingSession
    do {
      session = try TrainingSession(
        plan: plan, graph: try workspace.source.microbatchGraph(microbatches: plan.microbatches),
        wholeGraph: try workspace.source.microbatchGraph(microbatches: 1), seed: seed)
    } catch {
      if !isCancelled() { post(.runFinished(id: id, error: ExplorerStore.oneLine("\(error)"))) }
      return
    }
    let options = ExecutionOptions(watchdogTimeoutSeconds: 30)
    for step in 1...steps {
      guard !isCancelled() else { return }
      do {
        let result = try session.runStep(options: options)
        guard !isCancelled() else { return }
        post(
          .runProgressed(
            id: id, step: step, loss: result.loss, seconds: result.seconds,
            stageSeconds: result.stageBusySeconds, timeline: result.timeline))
      } catch {
        if !isCancelled() {
          post(.runFinished(id: id, error: "step \(step): \(ExplorerStore.oneLine("\(error)"))"))
        }
        return
      }
    }
    if !isCancelled() { post(.runFinished(id: id, error: nil)) }
  }
}

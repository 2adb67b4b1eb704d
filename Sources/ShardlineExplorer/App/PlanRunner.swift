import Foundation
import ShardlinePlan
import ShardlineRuntime

/// Runs a plan's training steps on CPU devices for the Run view, off the main actor.
enum PlanRunner {
  /// The seed of the parameters and the batch, as `shardline run` draws them by default.
  static let seed: UInt64 = 1

  /// A session of `plan`, or of the smallest rehearsal of it whose lowered step fits in
  /// `availableBytes`, posting the rehearsal's note.
  private static func session(
    of plan: Plan, workspace: PlanWorkspace, availableBytes: Double, id: Int,
    post: @Sendable (ExplorerAction) -> Void
  ) throws -> TrainingSession {
    var previous: (factor: Int, batchFactor: Int)?
    var refusal: (any Error)?
    while true {
      let rehearsal: CPURehearsal
      do {
        rehearsal = try CPURehearsal(
          plan: plan, source: workspace.source, availableBytes: availableBytes,
          after: previous)
      } catch {
        throw refusal ?? error
      }
      do {
        let session = try TrainingSession(
          plan: rehearsal.plan, graph: rehearsal.graph, wholeGraph: rehearsal.wholeGraph,
          seed: seed, availableBytes: availableBytes)
        if let note = rehearsal.note { post(.runRehearsing(id: id, note: note)) }
        return session
      } catch {
        guard case .hostMemory = error else { throw error }
        refusal = error
        previous = rehearsal.scale ?? (1, 1)
      }
    }
  }

  /// Runs `steps` steps of `plan`, posting each step's measurements and then the end with
  /// `id`, and stops before the next step once `isCancelled` says so (posting nothing more).
  /// Blocks the calling thread until then.
  ///
  /// A plan whose step would not fit in `availableBytes` runs as a ``CPURehearsal``, said
  /// with a posted `.runRehearsing`.
  static func run(
    id: Int, plan: Plan, workspace: PlanWorkspace, steps: Int,
    availableBytes: Double = RunFootprint.availableBytes,
    isCancelled: @Sendable () -> Bool, post: @Sendable (ExplorerAction) -> Void
  ) {
    var session: TrainingSession
    do {
      session = try Self.session(
        of: plan, workspace: workspace, availableBytes: availableBytes, id: id, post: post)
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

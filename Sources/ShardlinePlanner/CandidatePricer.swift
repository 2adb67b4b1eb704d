import Foundation
import ShardlineCost
import ShardlineHardware
import ShardlinePlan
import ShardlineSharding
import Synchronization

/// Prices stage candidates for the stage DP: for a range of layers on a submesh, the best
/// logical view and mode, composed from layer profiles.
///
/// Profiles are solved at one or two reference microbatch counts. Priced at a reference count a
/// candidate is exact; at another count its per-microbatch time, activations and working memory
/// follow a power law in the microbatch size fitted through the two references (linear with
/// one), which captures both small microbatches running less efficiently and a mixture of
/// experts' dispatch growing faster than the batch. The update and persistent state do not
/// change. The planner re-solves at the counts it picks, so the final plan's shardings and costs
/// are exact; the fit only steers the microbatch search.
final class CandidatePricer: Sendable {
  /// The view and mode a candidate was priced with.
  struct Choice: Sendable, Hashable {
    var shape: LogicalMeshShape
    var mode: ShardingMode
  }

  private struct Key: Hashable {
    var first: Int
    var last: Int
    var submesh: Int
  }

  /// The contexts profiles come from, by increasing microbatch count; the first one's layers
  /// and choices are the plan's.
  let contexts: [PlanningContext]
  let microbatches: Int
  let submeshes: [SubmeshShape]
  let space: SearchSpace
  let cluster: ClusterSpec
  let capacityBytes: Double
  let imbalanceLimit: Double
  /// Whether unbalanced candidates are skipped.
  let prunes: Bool
  private let prefixFlops: [Double]
  private let choices = Mutex<[Key: Choice]>([:])
  /// The references' microbatch counts, and the one nearest the target.
  private let referenceCounts: [Double]
  private let nearest: Int
  /// The views of each submesh this space tries.
  private let shapes: [[LogicalMeshShape]]
  private let shapeSlots: Int
  /// Tables by (reference, submesh, view, mode), flat, filled on first use.
  private let tables: Mutex<[StageComposer.Table?]>
  private let failure = Mutex<PlannerError?>(nil)
  private let priced = Mutex(0)
  private let onPriced: @Sendable (Int) -> Void

  init(
    contexts: [PlanningContext], microbatches: Int, submeshes: [SubmeshShape], space: SearchSpace,
    cluster: ClusterSpec, options: PlannerOptions, onPriced: @escaping @Sendable (Int) -> Void
  ) {
    precondition(!contexts.isEmpty, "pricing needs profiles")
    self.contexts = contexts
    self.microbatches = microbatches
    self.submeshes = submeshes
    self.space = space
    self.cluster = cluster
    capacityBytes = Double(cluster.host.device.memoryBytes) * options.memoryFraction
    let layers = contexts[0].partition.layerCount
    let candidates = layers * (layers + 1) / 2 * submeshes.count
    // Alpa's pruning of unbalanced candidates keeps a large search small; a small search (a
    // small model, or a baseline confined to a few submeshes) prices every candidate.
    prunes = space.submeshes == nil && candidates > options.pruningThreshold
    imbalanceLimit = options.imbalanceLimit
    var prefix = [0.0]
    for flops in contexts[0].layerFlops { prefix.append(prefix.last! + flops) }
    prefixFlops = prefix
    self.onPriced = onPriced
    let counts = contexts.map { Double($0.microbatches) }
    let target = Double(microbatches)
    referenceCounts = counts
    nearest = counts.indices.min { abs(log(counts[$0] / target)) < abs(log(counts[$1] / target)) }!
    shapes = submeshes.map { space.shapes(of: $0) }
    shapeSlots = shapes.map(\.count).max() ?? 0
    tables = Mutex(
      Array(
        repeating: nil,
        count: contexts.count * submeshes.count * shapeSlots * space.modes.count))
  }

  /// The first error a pricing hit (the DP's cost function cannot throw).
  var error: PlannerError? { failure.withLock { $0 } }

  /// The view and mode `layers` on submesh `submesh` was priced with.
  func choice(for layers: ClosedRange<Int>, submesh: Int) -> Choice? {
    choices.withLock {
      $0[Key(first: layers.lowerBound, last: layers.upperBound, submesh: submesh)]
    }
  }

  /// The context whose layers and decisions the plan takes.
  var context: PlanningContext { contexts[0] }

  /// Every layer's profile on view `shape` of submesh `submesh` under mode `mode` (indices into
  /// this pricer's lists) from reference `reference`, solved on first use.
  func table(reference: Int, submesh: Int, shape: Int, mode: Int) throws(PlannerError)
    -> StageComposer.Table
  {
    let slot =
      ((reference * submeshes.count + submesh) * shapeSlots + shape) * space.modes.count + mode
    if let table = tables.withLock({ $0[slot] }) { return table }
    let context = contexts[reference]
    let mesh = LogicalMesh(
      shape: shapes[submesh][shape], submesh: submeshes[submesh], host: cluster.host)
    var profiles: [LayerProfile] = []
    for layer in context.slices.indices {
      profiles.append(
        try context.profiler.profile(layer: layer, mesh: mesh, mode: space.modes[mode]))
    }
    let table = context.composer.table(
      profiles: profiles, mesh: mesh, costModel: context.profiler.costModel,
      options: context.profiler.options)
    tables.withLock { $0[slot] = table }
    return table
  }

  /// Solves the first mode's table of every view of every submesh from every reference, on all
  /// cores: building cost graphs runs in parallel while CBC's solves queue on its lock, so the
  /// DP then finds most profiles ready.
  func prepareTables() {
    guard !context.solvesRangesJointly else { return }
    var pending: [(reference: Int, submesh: Int, shape: Int)] = []
    for reference in contexts.indices {
      for submesh in submeshes.indices {
        for shape in shapes[submesh].indices { pending.append((reference, submesh, shape)) }
      }
    }
    let slots = pending
    DispatchQueue.concurrentPerform(iterations: slots.count) { index in
      let slot = slots[index]
      do throws(PlannerError) {
        _ = try table(reference: slot.reference, submesh: slot.submesh, shape: slot.shape, mode: 0)
      } catch {
        failure.withLock { $0 = $0 ?? error }
      }
    }
  }

  /// The candidate for the DP, or `nil` when pruned, not fitting, or failed.
  func price(_ layers: ClosedRange<Int>, _ submeshIndex: Int) -> StageCandidate? {
    let count = priced.withLock {
      $0 += 1
      return $0
    }
    onPriced(count)
    if context.cancellation?.isCancelled == true {
      failure.withLock { $0 = $0 ?? .cancelled }
      return nil
    }
    guard failure.withLock({ $0 == nil }) else { return nil }
    let submesh = submeshes[submeshIndex]
    let flopShare =
      (prefixFlops[layers.upperBound + 1] - prefixFlops[layers.lowerBound])
      / max(prefixFlops.last!, 1)
    let deviceShare = Double(submesh.deviceCount) / Double(cluster.deviceCount)
    let unbalanced = max(flopShare / deviceShare, deviceShare / flopShare) > imbalanceLimit
    if flopShare <= 0 || (unbalanced && prunes) { return nil }
    let layerCount = context.partition.layerCount
    let width = layers.count
    let stagesFromHere = 1 + (layerCount - 1 - layers.upperBound + width - 1) / width
    let inFlight = min(microbatches, stagesFromHere)
    var best: (candidate: StageCandidate, choice: Choice, fits: Bool)?
    do {
      for mode in space.modes.indices {
        for shape in shapes[submeshIndex].indices {
          let candidate = try estimate(layers, submesh: submeshIndex, shape: shape, mode: mode)
          guard candidate.peakBytes(microbatchesInFlight: 1) <= capacityBytes else { continue }
          let fits = candidate.peakBytes(microbatchesInFlight: inFlight) <= capacityBytes
          let better =
            best.map {
              (fits && !$0.fits)
                || (fits == $0.fits && candidate.latencySeconds < $0.candidate.latencySeconds)
            } ?? true
          if better {
            best = (
              candidate, Choice(shape: shapes[submeshIndex][shape], mode: space.modes[mode]), fits
            )
          }
        }
        if best?.fits == true { break }
      }
    } catch {
      failure.withLock { $0 = $0 ?? error }
      return nil
    }
    guard let best else { return nil }
    let key = Key(first: layers.lowerBound, last: layers.upperBound, submesh: submeshIndex)
    choices.withLock { $0[key] = best.choice }
    return StageCandidate(
      latencySeconds: best.candidate.latencySeconds, fixedBytes: best.candidate.fixedBytes,
      activationBytes: best.candidate.activationBytes)
  }

  /// The candidate for `layers` on one view and mode, exact at a reference count and fitted
  /// between references otherwise.
  private func estimate(_ layers: ClosedRange<Int>, submesh: Int, shape: Int, mode: Int)
    throws(PlannerError) -> StageCandidate
  {
    var composed: [StageComposer.Composition] = []
    for reference in contexts.indices {
      if contexts[reference].solvesRangesJointly {
        let mesh = LogicalMesh(
          shape: shapes[submesh][shape], submesh: submeshes[submesh], host: cluster.host)
        let costing = try contexts[reference]
          .rangeProfile(layers, mesh: mesh, mode: space.modes[mode]).profile.costing
        composed.append(
          StageComposer.Composition(
            microbatchSeconds: costing.forwardSeconds + costing.backwardSeconds,
            updateSeconds: costing.updateSeconds, persistentBytes: costing.persistentBytes,
            activationBytes: costing.activationBytes, workingBytes: costing.workingBytes))
      } else {
        composed.append(
          try table(reference: reference, submesh: submesh, shape: shape, mode: mode)
            .compose(layers))
      }
    }
    let counts = referenceCounts
    let target = Double(microbatches)
    /// The quantity at the target count: a power law in the microbatch size (∝ 1/count) through
    /// the references, or proportional to it from a single one.
    func fitted(_ value: (StageComposer.Composition) -> Double) -> Double {
      let near = value(composed[nearest])
      guard counts[nearest] != target else { return near }
      guard composed.count == 2, value(composed[0]) > 0, value(composed[1]) > 0 else {
        return near * counts[nearest] / target
      }
      let exponent =
        log(value(composed[1]) / value(composed[0])) / log(counts[0] / counts[1])
      return near * pow(counts[nearest] / target, exponent)
    }
    let base = composed[nearest]
    return StageCandidate(
      latencySeconds: fitted(\.microbatchSeconds) + base.updateSeconds / target,
      fixedBytes: base.persistentBytes + fitted(\.workingBytes),
      activationBytes: fitted(\.activationBytes))
  }
}

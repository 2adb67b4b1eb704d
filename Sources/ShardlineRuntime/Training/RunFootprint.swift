import Foundation
import ShardlineIR
import ShardlinePlan

/// The host memory a training step of a plan takes on the CPU backend, known before any tensor
/// is allocated, so that a plan too large for this machine is refused instead of exhausting
/// its memory.
///
/// Three parts:
/// - device tensors: every device's buffers at their peak, 4 bytes an element (f16 and bf16
///   values are held as `Float`);
/// - host copies: the whole batch's inputs (parameters, optimizer state, batch) and the step's
///   outputs, 4 bytes an element;
/// - programs: every device's instructions, unrolled per microbatch, about 320 bytes each (a
///   216-byte `Instruction` and its operand lists; 1.17 million instructions took 0.37 GB for
///   GPT-39B's 64-device plan scaled down 64×).
///
/// Two ways to know them: estimated from the plan (``init(plan:estimate:wholeGraph:)``),
/// cheaply but low, since the plan's per-device peaks assume the rematerialization and
/// recomputation of element-wise values that the runtime does not do; and counted from the
/// lowered programs (``init(pipeline:wholeGraph:)``), which for GPT-39B's rehearsal gave
/// 4.8 GiB against a measured peak of 4.7 GiB.
public struct RunFootprint: Sendable, Hashable, CustomStringConvertible {
  /// Bytes of the device buffers at their peak.
  public var tensorBytes: Double
  /// Bytes of the host's inputs and outputs.
  public var hostBytes: Double
  /// Bytes of the device programs.
  public var programBytes: Double

  /// The footprint of a step of `plan` as its estimate `estimate` prices it: each device at
  /// the plan's peak for it (widened to 4-byte elements), about 2.2 instructions per op,
  /// microbatch and device (measured on gpt-tiny plans). `wholeGraph` is the model's step for
  /// the whole batch.
  public init(plan: Plan, estimate: PlanEstimate, wholeGraph: Graph) {
    let widening = 4 / Double(min(plan.model.training.computeType.byteSize, 4))
    tensorBytes =
      zip(plan.stages, estimate.stages).reduce(0) { total, pair in
        total + pair.1.peakBytes * Double(pair.0.devices.count)
      } * widening
    hostBytes = Self.hostBytes(wholeGraph)
    let opsOnDevices = plan.stages.reduce(0) { $0 + $1.ops.count * $1.devices.count }
    programBytes = Double(opsOnDevices) * Double(plan.microbatches) * 2.2 * 320
  }

  /// The footprint of a step of `pipeline`, counted from its lowered programs: their buffers
  /// at their peak (``PlanRun/peakBufferBytes``) and their instructions. `wholeGraph` is the
  /// model's step for the whole batch.
  public init(pipeline: PlanRun, wholeGraph: Graph) {
    tensorBytes = pipeline.peakBufferBytes
    hostBytes = Self.hostBytes(wholeGraph)
    let instructions = pipeline.programs.reduce(0) { $0 + $1.instructions.count }
    programBytes = Double(instructions) * 320
  }

  /// The whole-batch inputs and the outputs, 4 bytes an element.
  private static func hostBytes(_ wholeGraph: Graph) -> Double {
    let elements = wholeGraph.inputs.reduce(0) { $0 + wholeGraph[$1.node].type.elementCount }
    return 2 * 4 * Double(elements)
  }

  /// All three parts.
  public var totalBytes: Double { tensorBytes + hostBytes + programBytes }

  /// The memory a run may take on this machine: three quarters of its physical memory.
  public static var availableBytes: Double {
    Double(ProcessInfo.processInfo.physicalMemory) * 0.75
  }

  /// `about 142 GiB (device tensors 130 GiB, programs 2.1 GiB, host copies 9.9 GiB)`.
  public var description: String {
    "about \(Self.gibibytes(totalBytes)) (device tensors \(Self.gibibytes(tensorBytes)), "
      + "programs \(Self.gibibytes(programBytes)), host copies \(Self.gibibytes(hostBytes)))"
  }

  /// `1.5 GiB`, `142 GiB`.
  static func gibibytes(_ bytes: Double) -> String {
    let value = bytes / 1_073_741_824
    return value < 10 ? String(format: "%.1f GiB", value) : String(format: "%.0f GiB", value)
  }
}

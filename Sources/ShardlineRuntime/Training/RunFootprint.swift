import Foundation
import ShardlineIR
import ShardlinePlan

/// The host memory a training step of a plan takes on the CPU backend, estimated before
/// anything is allocated, so that a plan too large for this machine is refused (or rehearsed
/// scaled down) instead of exhausting its memory.
///
/// Three parts:
/// - device tensors: every device at the peak the plan's estimate gives it, widened to the CPU
///   backend's 4-byte elements (f16 and bf16 values are held as `Float`);
/// - host copies: the whole batch's inputs (parameters, optimizer state, batch) and the step's
///   outputs, 4 bytes an element;
/// - programs: every device's instructions, unrolled per microbatch: about 2.2 instructions per
///   op, microbatch and device (measured on 2-stage gpt-tiny plans), each about 320 bytes (a
///   216-byte `Instruction` and its operand lists; 1.17 million instructions took 0.37 GB for
///   GPT-39B's 64-device plan scaled down 64×);
/// - OpenBLAS's buffer of each device thread: 64 MiB that OpenBLAS 0.3 maps and touches for
///   every thread that calls it (`BUFFER_SIZE` = 32 << 21 on x86-64), kept after the thread
///   ends (64 device threads held 4 GB of them after one step).
///
/// It is an estimate: the runtime keeps every forward value a backward reads for each
/// microbatch in flight, whatever rematerialization the plan assumed.
public struct RunFootprint: Sendable, Hashable, CustomStringConvertible {
  /// Bytes of the device buffers at their peak.
  public var tensorBytes: Double
  /// Bytes of the host's inputs and outputs.
  public var hostBytes: Double
  /// Bytes of the device programs.
  public var programBytes: Double
  /// Bytes of OpenBLAS's per-thread buffers.
  public var blasBufferBytes: Double

  /// The footprint of a step of `plan`, whose estimate is `estimate`, with `wholeGraph` its
  /// model's training step for the whole batch.
  public init(plan: Plan, estimate: PlanEstimate, wholeGraph: Graph) {
    let widening = 4 / Double(min(plan.model.training.computeType.byteSize, 4))
    tensorBytes =
      zip(plan.stages, estimate.stages).reduce(0) { total, pair in
        total + pair.1.peakBytes * Double(pair.0.devices.count)
      } * widening
    let inputElements = wholeGraph.inputs.reduce(0) {
      $0 + wholeGraph[$1.node].type.elementCount
    }
    hostBytes = 2 * 4 * Double(inputElements)
    let opsOnDevices = plan.stages.reduce(0) { $0 + $1.ops.count * $1.devices.count }
    programBytes = Double(opsOnDevices) * Double(plan.microbatches) * 2.2 * 320
    let threads = Set(plan.stages.flatMap(\.devices)).count
    blasBufferBytes = Double(threads) * Double(64 << 20)
  }

  /// All four parts.
  public var totalBytes: Double { tensorBytes + hostBytes + programBytes + blasBufferBytes }

  /// The memory a run may take on this machine: three quarters of its physical memory.
  public static var availableBytes: Double {
    Double(ProcessInfo.processInfo.physicalMemory) * 0.75
  }

  /// `about 142 GiB (device tensors 130 GiB, programs 2.1 GiB, host copies 9.9 GiB, BLAS
  /// buffers 1.0 GiB)`.
  public var description: String {
    "about \(Self.gibibytes(totalBytes)) (device tensors \(Self.gibibytes(tensorBytes)), "
      + "programs \(Self.gibibytes(programBytes)), host copies \(Self.gibibytes(hostBytes)), "
      + "BLAS buffers \(Self.gibibytes(blasBufferBytes)))"
  }

  /// `1.5 GiB`, `142 GiB`.
  static func gibibytes(_ bytes: Double) -> String {
    let value = bytes / 1_073_741_824
    return value < 10 ? String(format: "%.1f GiB", value) : String(format: "%.0f GiB", value)
  }
}

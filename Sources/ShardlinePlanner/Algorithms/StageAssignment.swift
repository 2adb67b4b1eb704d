import ShardlineHardware

/// One pipeline stage of a ``StageDPSolution``: its layers, its submesh and the devices it runs on.
public struct StageAssignment: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The layers of the stage, a contiguous range.
  public var layers: ClosedRange<Int>
  /// Index of the stage's submesh shape in ``StageDPProblem/submeshes``.
  public var submesh: Int
  /// The devices the stage runs on, in host-major order, as ``PhysicalMesh/place(_:)`` assigns them.
  public var devices: [DeviceID]
  /// The cost the problem gave for these layers on this submesh.
  public var candidate: StageCandidate

  /// Creates a stage assignment.
  public init(
    layers: ClosedRange<Int>, submesh: Int, devices: [DeviceID], candidate: StageCandidate
  ) {
    self.layers = layers
    self.submesh = submesh
    self.devices = devices
    self.candidate = candidate
  }

  /// `layers 0...3 on submesh 4 (d0–d15)`.
  public var description: String {
    let span = devices.first.map { first in
      devices.count == 1 ? "\(first)" : "\(first)–\(devices.last ?? first)"
    }
    return "layers \(layers) on submesh \(submesh) (\(span ?? "no devices"))"
  }
}

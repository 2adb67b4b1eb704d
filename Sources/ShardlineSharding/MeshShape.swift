/// The sizes of a 2-D logical mesh's axes, which is all that sharding specs need to know.
public struct MeshShape: Hashable, Sendable, Codable, CustomStringConvertible {
  /// Devices along axis 0 and axis 1.
  public var sizes: [Int]

  /// A mesh of `n0 × n1` devices.
  public init(_ n0: Int, _ n1: Int) { sizes = [n0, n1] }

  /// Total devices.
  public var deviceCount: Int { sizes[0] * sizes[1] }

  /// The product of the sizes of `axes`.
  public func devices(along axes: [Int]) -> Int { axes.reduce(1) { $0 * sizes[$1] } }

  /// Axes with more than one device (splitting over the others changes nothing).
  public var usefulAxes: [Int] { [0, 1].filter { sizes[$0] > 1 } }

  /// `2×4`.
  public var description: String { "\(sizes[0])×\(sizes[1])" }
}

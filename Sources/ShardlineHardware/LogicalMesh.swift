/// A 2-D logical view (n0, n1) of a submesh on a given kind of host, with the α-β cost of each axis.
///
/// Layout: the submesh's devices are numbered host-major (host 0's m devices, then host 1's, …) and
/// the view is laid over them row-major, so logical device (i, j) is submesh device k = i·n1 + j,
/// on submesh host k / m. A group along axis 1 (fixed i) is n1 consecutive devices; a group along
/// axis 0 (fixed j) is n0 devices n1 apart. Whether a group stays inside a host decides its link
/// (see ``HostProfile/groupCost(deviceCount:hostsSpanned:maxDevicesOnOneHost:)``).
public struct LogicalMesh: Sendable, Codable, Hashable, CustomStringConvertible {
  /// The view's shape (n0, n1).
  public let shape: LogicalMeshShape
  /// The submesh it views.
  public let submesh: SubmeshShape
  /// The hosts the submesh lies on, whose links price communication.
  public let host: HostProfile

  /// Creates a view; `shape` must have as many devices as `submesh`, and `submesh` must fit on a
  /// host (m ≤ devices per host).
  public init(shape: LogicalMeshShape, submesh: SubmeshShape, host: HostProfile) {
    precondition(shape.deviceCount == submesh.deviceCount, "\(shape) does not view \(submesh)")
    precondition(submesh.devicesPerHost <= host.devicesPerHost, "\(submesh) does not fit a host")
    self.shape = shape
    self.submesh = submesh
    self.host = host
  }

  /// The α-β parameters of collectives along `axis` (0 or 1): groups of n0 or n1 devices.
  public func axisCost(_ axis: Int) -> AxisCost {
    groupCost(varyingAxes: axis == 0 ? [0] : [1])
  }

  /// The α-β parameters of collectives over both axes at once: one group of all n0·n1 devices, as
  /// for a tensor split over both axes (S01) or a gradient all-reduce over the whole submesh.
  public var wholeMeshCost: AxisCost { groupCost(varyingAxes: [0, 1]) }

  /// The cost of the worst group among those that vary `axes` with the other coordinate fixed.
  private func groupCost(varyingAxes axes: Set<Int>) -> AxisCost {
    precondition(axes.isSubset(of: [0, 1]), "a logical mesh has axes 0 and 1")
    let rows = axes.contains(0) ? Array(0..<shape.rows) : [0]
    let columns = axes.contains(1) ? Array(0..<shape.columns) : [0]
    let fixedRows = axes.contains(0) ? [0] : Array(0..<shape.rows)
    let fixedColumns = axes.contains(1) ? [0] : Array(0..<shape.columns)
    var worst: AxisCost?
    for fixedRow in fixedRows {
      for fixedColumn in fixedColumns {
        var devicesOnHost: [Int: Int] = [:]
        for row in rows {
          for column in columns {
            let index = (fixedRow + row) * shape.columns + fixedColumn + column
            devicesOnHost[index / submesh.devicesPerHost, default: 0] += 1
          }
        }
        let cost = host.groupCost(
          deviceCount: rows.count * columns.count, hostsSpanned: devicesOnHost.count,
          maxDevicesOnOneHost: devicesOnHost.values.max() ?? 0)
        if worst.map({ cost.secondsPerByte > $0.secondsPerByte }) ?? true { worst = cost }
      }
    }
    guard let worst else { preconditionFailure("a logical mesh has at least one group") }
    return worst
  }

  /// `2×8 view of 2×8 on 8 × v100-sxm2-16gb`.
  public var description: String {
    "\(shape) view of \(submesh) on \(host.devicesPerHost) × \(host.device.name)"
  }
}

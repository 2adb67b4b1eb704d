/// Assigning concrete devices to submeshes.
extension PhysicalMesh {
  /// Places submeshes of the given shapes on disjoint devices, or returns `nil` if they do not fit.
  ///
  /// Shapes spanning whole hosts (devices per host = M) take consecutive hosts from host 0, in the
  /// order given. Shapes within one host are then placed largest first, each on the first host with
  /// room, right after the devices already used there. When M is a power of two and the partial
  /// shapes are powers of two (as ``submeshShapes`` are), this first-fit-decreasing packing
  /// succeeds whenever the device counts add up to at most N·M.
  ///
  /// - Parameter shapes: The submesh shapes, one per pipeline stage.
  /// - Returns: For each shape, in the order given, its devices in host-major order; `nil` if a
  ///   shape spans several hosts without using whole hosts, or the shapes do not fit.
  /// - Complexity: O(S·N + N·M) for S shapes.
  public func place(_ shapes: [SubmeshShape]) -> [[DeviceID]]? {
    var placements = [[DeviceID]](repeating: [], count: shapes.count)
    var nextWholeHost = 0
    for (index, shape) in shapes.enumerated() where shape.devicesPerHost == devicesPerHost {
      guard nextWholeHost + shape.hostCount <= hostCount else { return nil }
      placements[index] = (nextWholeHost..<nextWholeHost + shape.hostCount).flatMap { host in
        (0..<devicesPerHost).map { deviceID(host: host, localIndex: $0) }
      }
      nextWholeHost += shape.hostCount
    }

    var usedOnHost = [Int](repeating: 0, count: hostCount)
    for host in 0..<nextWholeHost { usedOnHost[host] = devicesPerHost }
    let partial = shapes.indices
      .filter { shapes[$0].devicesPerHost != devicesPerHost }
      .sorted { lhs, rhs in
        let (left, right) = (shapes[lhs].deviceCount, shapes[rhs].deviceCount)
        return left != right ? left > right : lhs < rhs
      }
    for index in partial {
      let shape = shapes[index]
      guard shape.hostCount == 1, shape.devicesPerHost < devicesPerHost,
        let host = usedOnHost.indices.first(where: {
          usedOnHost[$0] + shape.devicesPerHost <= devicesPerHost
        })
      else { return nil }
      let start = usedOnHost[host]
      placements[index] = (start..<start + shape.devicesPerHost).map {
        deviceID(host: host, localIndex: $0)
      }
      usedOnHost[host] += shape.devicesPerHost
    }
    return placements
  }
}

extension PhysicalMesh {
  /// Places submeshes one after another in the order given, each starting where the previous
  /// one ended, or returns `nil` when that leaves a gap (a shape spanning hosts that would not
  /// start at a host boundary, or a partial shape that would straddle two hosts).
  ///
  /// Consecutive pipeline stages then share a host whenever they can, so the activations they
  /// pass each other ride the host's fast link instead of the network.
  ///
  /// - Parameter shapes: The submesh shapes, one per pipeline stage, in pipeline order.
  /// - Returns: For each shape its devices in host-major order, covering a prefix of the mesh.
  public func placeContiguously(_ shapes: [SubmeshShape]) -> [[DeviceID]]? {
    var next = 0
    var placements: [[DeviceID]] = []
    for shape in shapes {
      let offset = next % devicesPerHost
      if shape.devicesPerHost == devicesPerHost {
        guard offset == 0 else { return nil }
      } else {
        guard shape.hostCount == 1, offset + shape.devicesPerHost <= devicesPerHost else {
          return nil
        }
      }
      guard next + shape.deviceCount <= deviceCount else { return nil }
      placements.append((next..<next + shape.deviceCount).map(DeviceID.init(rawValue:)))
      next += shape.deviceCount
    }
    return placements
  }
}

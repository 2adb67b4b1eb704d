/// Checks that a cluster describes hardware that can exist.
extension ClusterSpec {
  /// Throws if any count is below 1, any capacity, rate or bandwidth is not positive and finite,
  /// or any latency is negative or not finite.
  ///
  /// - Throws: ``HardwareError/invalidValue(field:value:requirement:)`` naming the first field at
  ///   fault by its JSON key path, such as `host.devicesPerHost`.
  public func validate() throws(HardwareError) {
    try requireAtLeastOne(hostCount, "hostCount")
    try requireAtLeastOne(host.devicesPerHost, "host.devicesPerHost")

    let device = host.device
    try requireAtLeastOne(device.memoryBytes, "host.device.memoryBytes")
    try requirePositive(
      device.memoryBandwidthBytesPerSecond, "host.device.memoryBandwidthBytesPerSecond")
    let flops = device.peakFlopsPerSecond
    try requirePositive(flops.f32, "host.device.peakFlopsPerSecond.f32")
    try requirePositive(flops.f16, "host.device.peakFlopsPerSecond.f16")
    if let tf32 = flops.tf32 { try requirePositive(tf32, "host.device.peakFlopsPerSecond.tf32") }
    if let bf16 = flops.bf16 { try requirePositive(bf16, "host.device.peakFlopsPerSecond.bf16") }

    try requirePositive(
      host.intraHostLink.bandwidthBytesPerSecond, "host.intraHostLink.bandwidthBytesPerSecond")
    try requireNonNegative(host.intraHostLink.latencySeconds, "host.intraHostLink.latencySeconds")

    try requireAtLeastOne(host.network.nicCount, "host.network.nicCount")
    try requirePositive(
      host.network.nicBandwidthBytesPerSecond, "host.network.nicBandwidthBytesPerSecond")
    try requireNonNegative(host.network.latencySeconds, "host.network.latencySeconds")
  }
}

private func requireAtLeastOne(_ value: Int, _ field: String) throws(HardwareError) {
  guard value >= 1 else {
    throw .invalidValue(field: field, value: String(value), requirement: "must be at least 1")
  }
}

private func requirePositive(_ value: Double, _ field: String) throws(HardwareError) {
  guard value.isFinite, value > 0 else {
    throw .invalidValue(
      field: field, value: String(value), requirement: "must be positive and finite")
  }
}

private func requireNonNegative(_ value: Double, _ field: String) throws(HardwareError) {
  guard value.isFinite, value >= 0 else {
    throw .invalidValue(
      field: field, value: String(value), requirement: "must be non-negative and finite")
  }
}

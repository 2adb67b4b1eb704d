/// One host (node) of a cluster: its devices, the link between them, and its network interfaces.
///
/// JSON form (``device`` may also be a preset name such as `"a100-40gb"`):
/// ```json
/// {
///   "device": {
///     "name": "a100-40gb", "kind": "gpu",
///     "peakFlopsPerSecond": { "f32": 19.5e12, "tf32": 156e12, "f16": 312e12, "bf16": 312e12 },
///     "memoryBytes": 42949672960, "memoryBandwidthBytesPerSecond": 1.555e12
///   },
///   "devicesPerHost": 8,
///   "intraHostLink": {
///     "name": "NVSwitch NVLink3", "bandwidthBytesPerSecond": 300e9, "latencySeconds": 5e-6
///   },
///   "network": {
///     "name": "100 Gb/s EFA", "nicCount": 4, "nicBandwidthBytesPerSecond": 12.5e9,
///     "latencySeconds": 15e-6
///   }
/// }
/// ```
public struct HostProfile: Sendable, Codable, Hashable, CustomStringConvertible {
  /// The devices of this host (all alike).
  public var device: DeviceProfile
  /// Devices per host.
  public var devicesPerHost: Int
  /// The link between two devices of this host, per device.
  public var intraHostLink: LinkProfile
  /// The network interfaces between this host and the others.
  public var network: NetworkProfile

  /// Creates a host profile.
  public init(
    device: DeviceProfile, devicesPerHost: Int, intraHostLink: LinkProfile,
    network: NetworkProfile
  ) {
    self.device = device
    self.devicesPerHost = devicesPerHost
    self.intraHostLink = intraHostLink
    self.network = network
  }

  /// Each device's share of the host's network bandwidth when all devices communicate across
  /// hosts at once, in bytes per second: NICs × NIC bandwidth / devices per host.
  public var networkBandwidthPerDeviceBytesPerSecond: Double {
    network.hostBandwidthBytesPerSecond / Double(devicesPerHost)
  }

  private enum CodingKeys: String, CodingKey {
    case device, devicesPerHost, intraHostLink, network
  }

  /// The decoder's `userInfo` key under which a ``CPUCharacteristics`` value says what the
  /// device preset `cpu` is built from (nominal values when absent).
  public static let cpuCharacteristicsKey = CodingUserInfoKey(rawValue: "cpuCharacteristics")!

  /// Decodes a host, accepting either a full device object or a device preset name.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    devicesPerHost = try container.decode(Int.self, forKey: .devicesPerHost)
    if let presetName = try? container.decode(String.self, forKey: .device) {
      let cpu = decoder.userInfo[Self.cpuCharacteristicsKey] as? CPUCharacteristics ?? .nominal
      guard
        let preset = DeviceProfile.preset(
          named: presetName, cpu: cpu, devicesPerHost: devicesPerHost)
      else {
        throw DecodingError.dataCorruptedError(
          forKey: .device, in: container,
          debugDescription: "unknown device preset '\(presetName)' (known: "
            + DeviceProfile.presetNames.joined(separator: ", ") + ")")
      }
      device = preset
    } else {
      device = try container.decode(DeviceProfile.self, forKey: .device)
    }
    intraHostLink = try container.decode(LinkProfile.self, forKey: .intraHostLink)
    network = try container.decode(NetworkProfile.self, forKey: .network)
  }

  /// `8 × a100-40gb, NVSwitch NVLink3 (300 GB/s, 5 µs), 4 × 100 Gb/s EFA (15 µs)`.
  public var description: String {
    "\(devicesPerHost) × \(device.name), \(intraHostLink), \(network)"
  }
}

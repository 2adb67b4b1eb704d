import ShardlineHardware
import ShardlinePlan

/// Turns a plan's placement into the mesh map's text: which stage runs on each device, how the
/// cluster is linked, and what the selected device runs. Pure, so the wording is tested without
/// drawing.
public enum MeshMapPresentation {
  /// One labelled line of a panel.
  public struct Line: Sendable, Hashable {
    /// The label, such as `layers`.
    public var label: String
    /// The text after it.
    public var text: String
    /// Whether it reports a problem (drawn as an error).
    public var isError: Bool

    /// Creates a line.
    public init(_ label: String, _ text: String, isError: Bool = false) {
      self.label = label
      self.text = text
      self.isError = isError
    }
  }

  /// How the device grid fits a rectangle.
  public struct Grid: Sendable, Hashable {
    /// Columns of one device's cell.
    public var cellWidth: Int
    /// Empty rows between two hosts (0 or 1).
    public var hostSpacing: Int
    /// The first host shown.
    public var firstHost: Int
    /// How many hosts are shown.
    public var visibleHosts: Int
  }

  /// Rows of one host's block: the device line and the stage line.
  public static let hostRows = 2
  /// The widest a device's cell grows, in columns.
  public static let maximumCellWidth = 12

  /// The stages that run on each device of `plan`'s cluster, indexed by device: empty for an
  /// idle device, several for a device two stages claim (an invalid plan). Devices outside the
  /// cluster are left out.
  public static func stagesByDevice(_ plan: Plan) -> [[Int]] {
    var stages = Array(repeating: [Int](), count: plan.cluster.deviceCount)
    for (index, stage) in plan.stages.enumerated() {
      for device in stage.devices where stages.indices.contains(device.rawValue) {
        stages[device.rawValue].append(index)
      }
    }
    return stages
  }

  /// The second line of a device's cell: `s1`, `idle`, or `s0+2` for a device claimed twice.
  public static func stageLabel(_ stages: [Int]) -> String {
    guard let first = stages.first else { return "idle" }
    return "s\(first)" + stages.dropFirst().map { "+\($0)" }.joined()
  }

  /// The host column's label: `h3`.
  public static func hostLabel(_ host: Int) -> String { "h\(host)" }

  /// The cluster box's title: `p3.16xlarge × 8 · 8 × v100-sxm2-16gb per host`, with the hosts
  /// shown when they do not all fit (`· hosts 3–6 of 8`).
  public static func title(_ cluster: ClusterSpec, grid: Grid) -> String {
    let base =
      "\(cluster.name) × \(cluster.hostCount) · \(cluster.host.devicesPerHost) × "
      + "\(cluster.host.device.name) per host"
    guard grid.visibleHosts < cluster.hostCount else { return base }
    let last = grid.firstHost + grid.visibleHosts - 1
    return base + " · hosts \(grid.firstHost)–\(last) of \(cluster.hostCount)"
  }

  /// The links between devices of a host and between hosts: name, bandwidth, latency.
  public static func links(_ cluster: ClusterSpec) -> [Line] {
    let link = cluster.host.intraHostLink
    let network = cluster.host.network
    return [
      Line(
        "in a host",
        "\(link.name) · \(Format.rate(link.bandwidthBytesPerSecond)) per device · "
          + Format.seconds(link.latencySeconds)),
      Line(
        "hosts",
        "\(network.nicCount) × \(Format.bits(network.nicBandwidthBytesPerSecond)) NIC · "
          + "\(Format.seconds(network.latencySeconds)) · \(network.name)"),
    ]
  }

  /// How `hostCount` hosts of `devicesPerHost` devices fit `width` × `height` cells after a
  /// host label of `labelWidth` columns: cells as wide as the width allows (at most
  /// ``maximumCellWidth``, one column between cells), hosts a row apart when they all fit so,
  /// else packed, and scrolled so that `selectedHost` is shown when even that is too tall.
  public static func grid(
    width: Int, height: Int, labelWidth: Int, hostCount: Int, devicesPerHost: Int,
    selectedHost: Int
  ) -> Grid {
    let perHost = max(devicesPerHost, 1)
    let cellWidth = min(max((width - labelWidth - perHost) / perHost, 1), maximumCellWidth)
    if hostCount * (hostRows + 1) - 1 <= height {
      return Grid(cellWidth: cellWidth, hostSpacing: 1, firstHost: 0, visibleHosts: hostCount)
    }
    let visible = min(max(height / hostRows, 1), hostCount)
    let first = TableWidget.firstVisibleRow(
      selected: selectedHost, count: hostCount, height: visible)
    return Grid(cellWidth: cellWidth, hostSpacing: 0, firstHost: first, visibleHosts: visible)
  }

  /// The detail panel's title for device `device`: `d5 · stage 1 (Enter opens)` or
  /// `d6 · idle`.
  public static func detailTitle(_ plan: Plan, device: Int) -> String {
    let stages = stagesByDevice(plan)[safe: device] ?? []
    guard let stage = stages.first else { return "d\(device) · idle" }
    return "d\(device) · stage \(stage) (Enter opens)"
  }

  /// What the detail panel says of device `device`: its stage's layers, submesh, logical
  /// mesh, devices, latency and memory, or that it is idle.
  public static func detail(_ plan: Plan, estimate: PlanEstimate?, device: Int) -> [Line] {
    let byDevice = stagesByDevice(plan)
    let stages = byDevice[safe: device] ?? []
    guard let index = stages.first, let stage = plan.stages[safe: index] else {
      let idle = byDevice.filter(\.isEmpty).count
      return [
        Line("stage", "none runs on d\(device)"),
        Line("idle", "\(idle) of \(byDevice.count) devices"),
      ]
    }
    let perHost = max(plan.cluster.host.devicesPerHost, 1)
    let hosts = Set(stage.devices.map { $0.rawValue / perHost }).sorted()
    let hostText =
      hosts.count == 1
      ? "host \(hosts[0])" : "hosts \(hosts.map(String.init).joined(separator: ", "))"
    var lines = [
      Line(
        "layers", "\(plan.layerRangeLabel(ofStage: index)) (\(count(stage.layers.count, "layer")))"),
      Line("submesh", "\(stage.submesh) on \(hostText)"),
      Line("logical", "\(stage.logicalShape) mesh"),
      Line("devices", stage.deviceLabel),
    ]
    if stages.count > 1 {
      lines.append(Line("conflict", "also claimed by stage \(stages[1])", isError: true))
    }
    guard let cost = estimate?.stages[safe: index] else {
      lines.append(Line("cost", "not priced", isError: true))
      return lines
    }
    let latency = PlanPresentation.latency(cost, microbatches: plan.microbatches)
    lines.append(Line("latency", "\(Format.seconds(latency)) per microbatch"))
    lines.append(
      Line(
        "memory", "\(Format.bytes(cost.peakBytes)) of \(Format.bytes(cost.capacityBytes))",
        isError: cost.peakBytes > cost.capacityBytes))
    return lines
  }

  /// `1 layer`, `4 layers`.
  private static func count(_ value: Int, _ noun: String) -> String {
    value == 1 ? "1 \(noun)" : "\(value) \(noun)s"
  }
}

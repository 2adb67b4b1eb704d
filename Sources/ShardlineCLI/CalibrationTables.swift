import ShardlineHardware
import ShardlineRuntime

/// The tables `shardline calibrate` prints: what was measured, and the profile drawn from it.
enum CalibrationTables {
  /// Every table of `report`, separated by blank lines.
  static func render(_ report: CalibrationReport) -> String {
    [compute(report), communication(report), profile(report.characteristics)]
      .joined(separator: "\n\n")
  }

  /// dot_general and STREAM rates per thread count, and the per-op overhead.
  static func compute(_ report: CalibrationReport) -> String {
    let table = TextTable(header: ["measurement", "threads", "per thread", "all threads"])
    for sample in report.matmulBySize + report.matmul {
      table.add([
        "dot_general \(sample.size)³", "\(sample.threads)",
        gflops(sample.flopsPerSecondPerThread), gflops(sample.aggregateFlopsPerSecond),
      ])
    }
    for sample in report.elementwise {
      let name = "\(sample.kernel.rawValue) \(Format.bytes(Double(sample.elements * 4)))"
      let total = sample.aggregateBytesPerSecond
      table.add([
        name, "\(sample.threads)", Format.rate(total / Double(sample.threads)), Format.rate(total),
      ])
    }
    let overhead = report.overhead
    table.add([
      "tiny op + free", "\(overhead.devices)", Format.seconds(overhead.secondsPerPair), "",
    ])
    var text = table.render()
    if let fit = report.matmulFit {
      text += String(
        format: "\ndot_general time − overhead ≈ %.1f µs + FLOPs / %.1f GFLOP/s "
          + "(median error %.0f %%)",
        fit.latencySeconds * 1e6, fit.bandwidthBytesPerSecond / 1e9,
        fit.medianRelativeError * 100)
    }
    return text
  }

  /// α-β fits per collective and group size, then the fit the profile's link uses.
  static func communication(_ report: CalibrationReport) -> String {
    let table = TextTable(header: ["communication", "devices", "α", "1/β", "median error"])
    for (kind, devices, fit) in report.fitsByKind {
      table.add(row(kind, devices: "\(devices)", fit))
    }
    let sizes = report.options.linkGroupSizes
    if let fit = report.linkFit {
      table.add(row("collectives (link)", devices: "\(sizes.lowerBound)-\(sizes.upperBound)", fit))
    }
    var text = table.render()
    let messages = report.communication.filter { $0.kind == CollectiveKind.sendRecv.rawValue }
    if !messages.isEmpty {
      text +=
        "\nsend/recv (half a round trip): "
        + messages.map { "\(Format.bytes($0.bytes)) \(Format.seconds($0.seconds))" }
        .joined(separator: ", ")
    }
    if report.linkFit == nil {
      text += "\nno α-β fit: the profile keeps the nominal shared-memory link"
    }
    return text
  }

  /// The profile as the cpu presets will use it.
  static func profile(_ cpu: CPUCharacteristics) -> String {
    let table = TextTable(header: ["cpu profile", "value"])
    table.add(["cores (devices)", "\(cpu.coreCount)"])
    table.add(["f32 peak per core", gflops(cpu.f32FlopsPerSecondPerCore)])
    table.add(["memory bandwidth (host)", Format.rate(cpu.memoryBandwidthBytesPerSecond)])
    table.add([
      "shared-memory link",
      "\(Format.rate(cpu.sharedMemoryBandwidthBytesPerSecond)), "
        + Format.seconds(cpu.sharedMemoryLatencySeconds),
    ])
    table.add(["per-op overhead", cpu.perOpOverheadSeconds.map(Format.seconds) ?? "default"])
    table.add([
      "matmul half-efficiency", cpu.matmulHalfEfficiencyFlops.map(Format.flops) ?? "default",
    ])
    let rates = (cpu.elementsPerSecondPerCore ?? [:]).sorted { $0.value < $1.value }
    if rates.isEmpty { table.add(["op kinds", "by FLOPs and bytes"]) }
    for (kind, rate) in rates { table.add(["\(kind) per core", elements(rate)]) }
    return table.render()
  }

  private static func row(_ name: String, devices: String, _ fit: AlphaBetaFit) -> [String] {
    [
      name, devices, Format.seconds(fit.latencySeconds), Format.rate(fit.bandwidthBytesPerSecond),
      String(format: "%.0f %%", fit.medianRelativeError * 100),
    ]
  }

  private static func elements(_ perSecond: Double) -> String {
    String(format: "%.0f M elem/s", perSecond / 1e6)
  }

  private static func gflops(_ flopsPerSecond: Double) -> String {
    String(format: "%.1f GFLOP/s", flopsPerSecond / 1e9)
  }
}

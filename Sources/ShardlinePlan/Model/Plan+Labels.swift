import ShardlineHardware

/// Short labels for a plan's stages, shared by the CLI's summary and the explorer.
extension Plan {
  /// Layer `index`'s name, or its number when the plan names none.
  public func layerName(_ index: Int) -> String {
    layerNames.indices.contains(index) ? layerNames[index] : "layer \(index)"
  }

  /// `embed…block7` for a stage of several layers, the layer's name for one.
  public func layerRangeLabel(ofStage index: Int) -> String {
    guard stages.indices.contains(index) else { return "-" }
    let stage = stages[index]
    let first = layerName(stage.firstLayer)
    return stage.firstLayer == stage.lastLayer ? first : "\(first)…\(layerName(stage.lastLayer))"
  }
}

extension PlanStage {
  /// `d0–d7` for a contiguous run of devices, else the list.
  public var deviceLabel: String {
    guard let first = devices.first, let last = devices.last else { return "-" }
    if devices.count == 1 { return "\(first)" }
    if last.rawValue - first.rawValue + 1 == devices.count { return "\(first)–\(last)" }
    return devices.map(\.description).joined(separator: ",")
  }
}

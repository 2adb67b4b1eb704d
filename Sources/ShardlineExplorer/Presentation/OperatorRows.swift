import ShardlineIR
import ShardlinePlan

/// One row of the stage view's operator table.
public enum OperatorRow: Sendable, Hashable {
  /// A layer's header: its index, name and how many of its ops pass the filter.
  case layer(Int, name: String, operators: Int)
  /// A scope's header inside a layer (`block3/attn`): its path and how many ops it holds.
  case scope(String, operators: Int)
  /// One op.
  case `operator`(StageInspection.Operator)
}

/// Builds the operator table's rows from a stage's ops and the table's state: filtered by phase
/// and search, then sorted flat, or grouped under foldable layer headers (each layer's ops in
/// graph order: forward, backward, update).
public enum OperatorRows {
  /// The rows `table` shows of `inspection`; `layerNames` names the plan's layers.
  public static func rows(
    _ inspection: StageInspection, table: OperatorTableState, layerNames: [String]
  ) -> [OperatorRow] {
    let query = table.query.lowercased()
    let matching = inspection.operators.filter { op in
      (table.phase == nil || op.phase == table.phase)
        && (query.isEmpty || op.name.lowercased().contains(query))
    }
    guard table.groupsByLayer else {
      return sorted(matching, by: table.sort).map { .operator($0) }
    }
    // A layer's forward, backward and update ops lie far apart in graph order; gather each
    // layer's under one header, in layer order.
    var byLayer: [Int: [StageInspection.Operator]] = [:]
    for op in matching { byLayer[op.layer, default: []].append(op) }
    var rows: [OperatorRow] = []
    for layer in byLayer.keys.sorted() {
      let ops = byLayer[layer] ?? []
      rows.append(
        .layer(layer, name: layerNames[safe: layer] ?? "layer \(layer)", operators: ops.count))
      guard table.expandedLayers.contains(layer) else { continue }
      // Within a layer, ops of one scope (its attention, its MLP) fold under one header, in
      // order of first appearance; ops directly in the layer's scope are listed as they are.
      var order: [String?] = []
      var byScope: [String?: [StageInspection.Operator]] = [:]
      for op in ops {
        let key = scope(of: op)
        if byScope[key] == nil { order.append(key) }
        byScope[key, default: []].append(op)
      }
      for key in order {
        let members = byScope[key] ?? []
        guard let key else {
          rows += members.map { .operator($0) }
          continue
        }
        rows.append(.scope(key, operators: members.count))
        if table.expandedScopes.contains(key) { rows += members.map { .operator($0) } }
      }
    }
    return rows
  }

  /// The scope an op folds under: the first two parts of its name (`block3/attn` of
  /// `block3/attn/qkv/dot_general`), or `nil` for an op directly in its layer's scope.
  public static func scope(of op: StageInspection.Operator) -> String? {
    let parts = op.name.split(separator: "/", maxSplits: 2)
    guard parts.count == 3 else { return nil }
    return "\(parts[0])/\(parts[1])"
  }

  /// Every scope of `inspection`'s ops in `layers`, for unfolding everything.
  public static func scopes(_ inspection: StageInspection, inLayers layers: Set<Int>)
    -> Set<String>
  {
    Set(inspection.operators.filter { layers.contains($0.layer) }.compactMap { scope(of: $0) })
  }

  private static func sorted(
    _ ops: [StageInspection.Operator], by key: OperatorTableState.SortKey
  ) -> [StageInspection.Operator] {
    let value: (StageInspection.Operator) -> Double
    switch key {
    case .node: return ops
    case .compute: value = \.computeSeconds
    case .communication: value = \.communicationSeconds
    case .memory: value = \.outputBytesPerDevice
    }
    return ops.sorted { (value($0), $1.node.rawValue) > (value($1), $0.node.rawValue) }
  }
}

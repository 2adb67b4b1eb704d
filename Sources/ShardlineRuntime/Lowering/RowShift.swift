import ShardlineIR
import ShardlineSharding

/// How a device moves a gather's or scatter-add's indices into the rows of the table it holds,
/// when the table is split along indexed dimensions (a vocabulary split, see
/// ``ShardingContext``'s gather and scatter strategies).
///
/// A device at part `p` of a dimension split into parts of `rows` rows holds rows
/// `[lo, lo + rows)` with `lo = p·rows`:
/// - gather: the ids are clamped to the whole table, as the reference gather clamps them, then
///   shifted by `lo − 1` into the local table padded with a zero row on each side of each split
///   dimension. An id outside the device's rows lands, after the gather's own clamping, on a
///   zero row, so each device writes its rows' lookups and zeros elsewhere: a partial sum over
///   the split axes that the strategy completes or leaves partial.
/// - scatter-add: the ids are shifted by `lo`; an update outside the device's rows then falls
///   outside its table and is skipped, as the reference skips ids outside the whole table.
///
/// The shift is the one part of a lowered node that differs between devices: the local op is
/// the same everywhere (``SPMDLowering/localizedNodes()``, shared with the pipeline lowering),
/// and ``SPMDLowering/emit(_:operands:local:into:)``, which writes one device's program, adds
/// the few index ops around it with `lo` taken from that device's coordinate.
struct RowShift: Hashable, Sendable {
  /// A split indexed dimension of the table.
  struct Rows: Hashable, Sendable {
    /// The index vector component that indexes it.
    var component: Int
    /// The table dimension.
    var dimension: Int
    /// The mesh axes it is split over, major first.
    var axes: [Int]
    /// Rows each device holds.
    var count: Int
  }

  /// The split indexed dimensions, in index vector order.
  var rows: [Rows]
  /// The local indices' type.
  var indices: TensorType
  /// The indices' index vector dimension; their rank when each index is a scalar.
  var indexVectorDimension: Int
  /// The local table's type.
  var table: TensorType
  /// For a gather, the largest start of each index vector component in the whole table (its
  /// size less the slice size); `nil` for a scatter-add.
  var gatherBounds: [Int]?

  /// The shift of node `node` run on local shards under `operands` (the canonical specs its
  /// operands are resharded to), or `nil` when it splits no indexed table dimension.
  ///
  /// - Precondition: The layout was checked (``LocalLayout``): a split indexed dimension is a
  ///   collapsed (gather) or inserted (scatter-add) one.
  init?(_ node: Node, operandTypes: [TensorType], operands: [ShardingSpec], mesh: MeshShape) {
    let startIndexMap: [Int]
    switch node.op {
    case .gather(let n):
      startIndexMap = n.startIndexMap
      indexVectorDimension = n.indexVectorDim
      gatherBounds = startIndexMap.map { operandTypes[0].shape[$0] - n.sliceSizes[$0] }
    case .scatterAdd(let n):
      startIndexMap = n.scatterDimsToOperandDims
      indexVectorDimension = n.indexVectorDim
      gatherBounds = nil
    default:
      return nil
    }
    let local = operands[0].localShape(of: operandTypes[0].shape, on: mesh)
    rows = startIndexMap.enumerated().compactMap { component, dimension in
      let axes = operands[0].dims[dimension].axes
      return axes.isEmpty
        ? nil
        : Rows(component: component, dimension: dimension, axes: axes, count: local[dimension])
    }
    guard !rows.isEmpty else { return nil }
    indices = operandTypes[1].with(
      shape: operands[1].localShape(of: operandTypes[1].shape, on: mesh))
    table = operandTypes[0].with(shape: local)
  }

  /// The number of components of each index vector.
  var components: Int {
    indexVectorDimension < indices.rank ? indices.shape[indexVectorDimension] : 1
  }

  /// Per index vector component, the first row the device at `coordinate` holds (0 for a
  /// component whose dimension is not split).
  func firstRows(at coordinate: [Int], on mesh: MeshShape) -> [Int] {
    var result = Array(repeating: 0, count: components)
    for split in rows {
      let part = split.axes.reduce(0) { $0 * mesh.sizes[$1] + coordinate[$1] }
      result[split.component] = part * split.count
    }
    return result
  }
}

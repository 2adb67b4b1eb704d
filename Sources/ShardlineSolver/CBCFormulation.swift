/// Builds Alpa's intra-operator ILP (Zheng et al., OSDI 2022, §4.2) as the column-wise arrays
/// `Cbc_loadProblem` takes, for a problem already through ``ILPPresolve`` (no pins, no aliases,
/// edges with nonzero costs only).
///
/// Formulation, for nodes `v` with strategies `i` and edges `(u, v)`:
/// - binary `s_{v,i}`, with `Σ_i s_{v,i} = 1` for every node (one-hot);
/// - for each edge, `e_{uv,pq} ∈ [0, 1]` for every pair of a row class `p` and a column class
///   `q` of its cost matrix, with the class sums `Σ_q e_{uv,pq} = Σ_{i∈p} s_{u,i}` and
///   `Σ_p e_{uv,pq} = Σ_{j∈q} s_{v,j}`. Strategies whose rows (columns) of the matrix are equal
///   form one class: a consumer with 45 strategies typically needs an operand in only a handful
///   of layouts, so the classes shrink an edge from 45 × 45 variables to about 9 × 9 while
///   `R_pq` stays well defined. With one class per strategy this is Alpa's linearization with
///   `e_{ij}`. Alpa writes `Σ e = 1` with `≤`; the equalities are tighter and imply `Σ e = 1`,
///   so that row is left out, as is the last column-class sum, which the other rows imply.
///   Because the class marginals are one-hot when the `s` are binary, the only feasible `e` is
///   their product: the `e` are exact as continuous columns and left continuous, which spares
///   CBC branching on them;
/// - memory rows `Σ_v Σ_i (m_{v,i} / 2³⁰) s_{v,i} ≤ budget / 2³⁰`, in GiB to keep coefficients
///   near 1;
/// - objective `Σ c_{v,i} s_{v,i} + Σ R_{uv,ij} e_{uv,ij}`, scaled so the largest coefficient
///   is 1.
///
/// Pins, single-strategy nodes and aliases (`s_{a,i} = s_{b,i}`) were substituted by presolve.
/// With `minimizingLargestRow` the objective is instead one continuous column `t` (GiB) that
/// every memory row is bounded by: `Σ m s − t ≤ budget`, the problem behind
/// ``CBCSolver/minimumFeasibleBudget(_:limits:)``.
struct CBCFormulation {
  /// Index in `values` where each column starts; `columns + 1` entries.
  var columnStarts: [Int32] = [0]
  /// Row of each nonzero.
  var rowIndices: [Int32] = []
  /// Coefficient of each nonzero.
  var values: [Double] = []
  /// Objective coefficient of each column.
  var objective: [Double] = []
  /// Upper bound of each column; every lower bound is 0.
  var columnUpper: [Double] = []
  /// Bounds of each row.
  var rowLower: [Double] = []
  /// Bounds of each row.
  var rowUpper: [Double] = []
  /// Columns `0..<integerColumns` are the binary `s`.
  let integerColumns: Int
  /// First `s` column of each node.
  let strategyColumn: [Int]
  /// First `e` column of each edge.
  let edgeColumn: [Int]
  /// Row class of each `from` strategy and column class of each `to` strategy, per edge.
  let edgeClasses: [(rows: [Int], columns: [Int], rowCount: Int, columnCount: Int)]
  /// Multiplier from seconds to objective units.
  let objectiveScale: Double

  /// Bytes per coefficient unit in memory rows: GiB.
  static let bytesPerUnit = 1_073_741_824.0
  /// COIN-OR's infinity.
  static let infinity = Double.greatestFiniteMagnitude

  /// The formulation's size as sent.
  var size: FormulationSize {
    FormulationSize(
      variables: objective.count, constraints: rowLower.count, nonzeros: values.count)
  }

  /// Builds the arrays for a reduced problem.
  init(_ problem: ShardingILP, minimizingLargestRow: Bool = false) {
    let nodes = problem.nodes
    var strategyColumn: [Int] = []
    var columns = 0
    for node in nodes {
      strategyColumn.append(columns)
      columns += node.costs.count
    }
    integerColumns = columns
    var edgeColumn: [Int] = []
    var edgeRow: [Int] = []
    var rows = nodes.count
    var incident = [[Int]](repeating: [], count: nodes.count)
    let edgeClasses = problem.edges.map { edge in
      Self.classes(edge, height: nodes[edge.from].costs.count, width: nodes[edge.to].costs.count)
    }
    for (k, edge) in problem.edges.enumerated() {
      edgeColumn.append(columns)
      edgeRow.append(rows)
      columns += edgeClasses[k].rowCount * edgeClasses[k].columnCount
      rows += edgeClasses[k].rowCount + edgeClasses[k].columnCount - 1
      incident[edge.from].append(k)
      incident[edge.to].append(k)
    }
    self.edgeClasses = edgeClasses
    let memoryRow0 = rows
    var memoryTerms = [[(row: Int, bytes: [Double])]](repeating: [], count: nodes.count)
    for (m, row) in problem.memoryRows.enumerated() {
      for term in row.terms { memoryTerms[term.node].append((memoryRow0 + m, term.bytes)) }
    }
    self.strategyColumn = strategyColumn
    self.edgeColumn = edgeColumn

    let largest = (nodes.flatMap(\.costs) + problem.edges.flatMap(\.costs)).map(abs).max() ?? 0
    objectiveScale = minimizingLargestRow || largest == 0 ? 1 : 1 / largest

    for (v, node) in nodes.enumerated() {
      for i in node.costs.indices {
        var entries = [(Int(v), 1.0)]
        for k in incident[v] {
          let classes = edgeClasses[k]
          if problem.edges[k].from == v {
            entries.append((edgeRow[k] + classes.rows[i], -1))
          } else if classes.columns[i] < classes.columnCount - 1 {
            entries.append((edgeRow[k] + classes.rowCount + classes.columns[i], -1))
          }
        }
        for term in memoryTerms[v] where term.bytes[i] != 0 {
          entries.append((term.row, term.bytes[i] / Self.bytesPerUnit))
        }
        let cost = minimizingLargestRow ? 0 : node.costs[i] * objectiveScale
        addColumn(entries, cost: cost, upper: 1)
      }
    }
    for (k, edge) in problem.edges.enumerated() {
      let classes = edgeClasses[k]
      let width = nodes[edge.to].costs.count
      let firstRow = (0..<classes.rowCount).map { p in classes.rows.firstIndex(of: p)! }
      let firstColumn = (0..<classes.columnCount).map { q in classes.columns.firstIndex(of: q)! }
      for p in 0..<classes.rowCount {
        for q in 0..<classes.columnCount {
          var entries = [(edgeRow[k] + p, 1.0)]
          if q < classes.columnCount - 1 { entries.append((edgeRow[k] + classes.rowCount + q, 1)) }
          let cost = edge.costs[firstRow[p] * width + firstColumn[q]]
          addColumn(entries, cost: cost * objectiveScale, upper: 1)
        }
      }
    }
    if minimizingLargestRow {
      addColumn(
        problem.memoryRows.indices.map { (memoryRow0 + $0, -1) }, cost: 1, upper: Self.infinity)
    }
    rowLower = Array(repeating: 1, count: nodes.count)
    rowLower += Array(repeating: 0, count: rows - nodes.count)
    rowUpper = rowLower
    for row in problem.memoryRows {
      rowLower.append(-Self.infinity)
      rowUpper.append(row.budgetBytes / Self.bytesPerUnit)
    }
  }

  /// Groups the strategies of an edge's two ends by equal rows and equal columns of its matrix,
  /// numbering classes in order of first appearance.
  private static func classes(_ edge: ShardingILP.Edge, height: Int, width: Int)
    -> (rows: [Int], columns: [Int], rowCount: Int, columnCount: Int)
  {
    var rowClass: [ArraySlice<Double>: Int] = [:]
    let rows = (0..<height).map { i in
      let row = edge.costs[(i * width)..<((i + 1) * width)]
      if let existing = rowClass[row] { return existing }
      rowClass[row] = rowClass.count
      return rowClass.count - 1
    }
    var columnClass: [[Double]: Int] = [:]
    let columns = (0..<width).map { j in
      let column = (0..<height).map { edge.costs[$0 * width + j] }
      if let existing = columnClass[column] { return existing }
      columnClass[column] = columnClass.count
      return columnClass.count - 1
    }
    return (rows, columns, rowClass.count, columnClass.count)
  }

  private mutating func addColumn(_ entries: [(Int, Double)], cost: Double, upper: Double) {
    for (row, value) in entries {
      rowIndices.append(Int32(row))
      values.append(value)
    }
    columnStarts.append(Int32(values.count))
    objective.append(cost)
    columnUpper.append(upper)
  }

  /// The nonzero `s` and `e` columns of an assignment, for `Cbc_setMIPStartI`.
  func startColumns(_ choices: [Int], of problem: ShardingILP) -> [Int32] {
    var columns = zip(strategyColumn, choices).map { Int32($0 + $1) }
    for (k, edge) in problem.edges.enumerated() {
      let classes = edgeClasses[k]
      let cell =
        classes.rows[choices[edge.from]] * classes.columnCount
        + classes.columns[choices[edge.to]]
      columns.append(Int32(edgeColumn[k] + cell))
    }
    return columns
  }
}

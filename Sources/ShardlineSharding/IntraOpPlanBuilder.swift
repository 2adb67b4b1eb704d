import ShardlineIR
import ShardlineSolver

/// Turns a solved ILP back into an ``IntraOpPlan``: each op's strategy, its communication
/// (own collectives plus the resharding of its operands), and its alternatives.
struct IntraOpPlanBuilder {
  let context: ShardingContext
  let costGraph: CostGraph
  let problem: ShardingILP

  func plan(solution: ILPSolution, seconds: Double, costGraphSeconds: Double) -> IntraOpPlan {
    let graph = context.graph
    let choices = solution.choices
    let groupCosts = alternativeCosts(choices: choices)
    var ops: [IntraOpPlan.OpDecision] = []
    var compute = 0.0
    var communication = 0.0
    for node in graph.nodes {
      guard let (group, member) = costGraph.owner[node.id] else { continue }
      let strategies = costGraph.groups[group].members[member].strategies
      let chosen = strategies[choices[group]]
      var collectives = chosen.collectives
      for (position, operand) in node.operands.enumerated() {
        guard let required = chosen.operands[position],
          let (producerGroup, _) = costGraph.owner[operand],
          let producer = costGraph.strategy(of: operand, choice: choices[producerGroup])
        else { continue }
        collectives +=
          context.resharding(graph[operand].type, from: producer.output, to: required)
          .collectives
      }
      let seconds = collectives.reduce(0) { $0 + $1.seconds }
      compute += chosen.computeSeconds
      communication += seconds
      let base = groupCosts[group][choices[group]]
      ops.append(
        IntraOpPlan.OpDecision(
          node: node.id, name: node.name, type: node.type.description, strategy: chosen.name,
          spec: chosen.output, computeSeconds: chosen.computeSeconds, communicationSeconds: seconds,
          collectives: collectives, outputBytesPerDevice: chosen.outputBytesPerDevice,
          alternatives: strategies.indices.map { choice in
            IntraOpPlan.Alternative(
              strategy: strategies[choice].name, spec: strategies[choice].output,
              opSeconds: strategies[choice].seconds, deltaSeconds: groupCosts[group][choice] - base)
          }))
    }
    let sizes = solution.originalFormulation
    let solved = solution.solvedFormulation
    return IntraOpPlan(
      mesh: context.shape, ops: ops, computeSeconds: compute, communicationSeconds: communication,
      peakMemoryBytesPerDevice: FixedSharding.peakBytes(in: graph, ops: ops),
      solver: IntraOpPlan.SolverReport(
        status: Self.describe(solution.status), seconds: seconds,
        costGraphSeconds: costGraphSeconds, solverSeconds: solution.solveSeconds,
        unmergedNodes: costGraph.unmergedSize.nodes, unmergedEdges: costGraph.unmergedSize.edges,
        unmergedVariables: costGraph.unmergedSize.variables, nodes: problem.nodes.count,
        edges: problem.edges.count, memoryRows: problem.memoryRows.count,
        variables: sizes.variables, constraints: sizes.constraints,
        presolvedVariables: solved.variables, presolvedConstraints: solved.constraints))
  }

  static func describe(_ status: SolverStatus) -> String {
    switch status {
    case .optimal: "optimal"
    case .feasible(let gap): "feasible within a relative gap of \(gap)"
    case .timeLimited(let gap?): "time limit reached with an incumbent (relative gap \(gap))"
    case .timeLimited(nil): "time limit reached with an incumbent (gap unknown)"
    case .heuristic(let variables):
      "local search (no optimality proof: \(variables) ILP variables exceed the solver's limit)"
    }
  }

  /// For each group and choice: the group's cost plus its edges' costs with every other group at
  /// its chosen strategy.
  private func alternativeCosts(choices: [Int]) -> [[Double]] {
    var costs = problem.nodes.map(\.costs)
    for edge in problem.edges {
      let toCount = problem.nodes[edge.to].costs.count
      for i in costs[edge.from].indices {
        costs[edge.from][i] += edge.costs[i * toCount + choices[edge.to]]
      }
      for j in costs[edge.to].indices {
        costs[edge.to][j] += edge.costs[choices[edge.from] * toCount + j]
      }
    }
    return costs
  }
}

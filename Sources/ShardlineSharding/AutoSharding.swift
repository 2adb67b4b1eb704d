import Foundation
import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlineSolver

/// The intra-operator pass: chooses every op's sharding on one logical mesh by building the cost
/// graph, turning it into Alpa's ILP and solving it.
public struct AutoSharding: Sendable {
  /// The graph, mesh, cost model and options.
  public let context: ShardingContext
  /// The solver (CBC unless a test swaps it).
  public let solver: any ILPSolver
  /// Time limit, gap and threads.
  public let limits: SolverLimits

  /// Creates a pass.
  public init(
    context: ShardingContext, solver: any ILPSolver, limits: SolverLimits = SolverLimits()
  ) {
    self.context = context
    self.solver = solver
    self.limits = limits
  }

  /// Solves `request` and returns the plan.
  ///
  /// - Parameter progress: Called with a short line at each phase (for a progress display).
  /// - Throws: ``ShardingError``: a pin that names no op or a spec the op cannot take, a memory
  ///   budget no assignment meets (with the smallest that would), or a solver failure.
  public func solve(_ request: ShardingRequest, progress: (@Sendable (String) -> Void)? = nil)
    throws(ShardingError) -> IntraOpPlan
  {
    let started = ContinuousClock.now
    let pins = try resolvePins(request.pins)
    let modeFilter = request.mode.filter(context: context)
    let mesh = context.shape
    progress?("building the cost graph")
    let costGraph = CostGraph(context: context) { id, strategy in
      if let pin = pins[id] { return strategy.output.canonical(on: mesh) == pin }
      return modeFilter(id, strategy)
    }
    let costGraphSeconds = (ContinuousClock.now - started).seconds
    var problem = makeProblem(costGraph, pins: pins)
    if let budget = request.memoryBudgetBytes {
      problem.memoryRows = costGraph.memoryRows(in: context.graph, budgetBytes: budget)
    }
    progress?("solving the ILP: \(problem.nodes.count) decisions, \(problem.edges.count) edges")
    let solution: ILPSolution
    do {
      solution = try solver.solve(problem, limits: limits)
    } catch {
      throw explain(error, problem: problem)
    }
    for (id, pin) in pins {
      let chosen = costGraph.strategy(of: id, choice: solution.choices[costGraph.owner[id]!.group])
      if chosen?.output.canonical(on: mesh) != pin {
        throw .invalidPin(
          op: context.graph[id].name, spec: pin.description,
          available: availableSpecs(of: id, in: costGraph))
      }
    }
    return IntraOpPlanBuilder(context: context, costGraph: costGraph, problem: problem)
      .plan(
        solution: solution, seconds: (ContinuousClock.now - started).seconds,
        costGraphSeconds: costGraphSeconds)
  }

  /// Maps pin names (`name` or `%ID`) to nodes and canonical specs.
  private func resolvePins(_ pins: [String: ShardingSpec]) throws(ShardingError)
    -> [NodeID: ShardingSpec]
  {
    var resolved: [NodeID: ShardingSpec] = [:]
    let graph = context.graph
    for (name, spec) in pins.sorted(by: { $0.key < $1.key }) {
      let matches: [NodeID]
      if name.hasPrefix("%"), let raw = Int(name.dropFirst()), graph.nodes.indices.contains(raw) {
        matches = [NodeID(raw)]
      } else {
        matches = graph.nodes.filter { $0.name == name }.map(\.id)
      }
      guard let id = matches.first else {
        throw .unknownOp(name: name, reason: "no op has that name")
      }
      guard matches.count == 1 else {
        let ids = matches.prefix(5).map(\.description).joined(separator: ", ")
        throw .unknownOp(
          name: name, reason: "\(matches.count) ops have that name; pin one by id (\(ids))")
      }
      guard spec.dims.count == graph[id].type.rank else {
        throw .invalidPin(op: name, spec: spec.description, available: [])
      }
      resolved[id] = spec.canonical(on: context.shape)
    }
    return resolved
  }

  private func availableSpecs(of id: NodeID, in costGraph: CostGraph) -> [String] {
    guard let (group, member) = costGraph.owner[id] else { return [] }
    var seen: [String] = []
    for strategy in costGraph.groups[group].members[member].strategies
    where !seen.contains(strategy.output.description) {
      seen.append(strategy.output.description)
    }
    return seen
  }

  /// The flat ILP of a cost graph; a pin on a follower excludes (by a prohibitive cost) the
  /// group's choices that give the follower another spec.
  private func makeProblem(_ costGraph: CostGraph, pins: [NodeID: ShardingSpec]) -> ShardingILP {
    let graph = context.graph
    var nodes = costGraph.groups.map { group in
      ShardingILP.Node(costs: group.costs, label: graph[group.members[0].node].name)
    }
    for (id, pin) in pins {
      guard let (group, member) = costGraph.owner[id] else { continue }
      let strategies = costGraph.groups[group].members[member].strategies
      let matching = strategies.indices.filter {
        strategies[$0].output.canonical(on: context.shape) == pin
      }
      if matching.count == 1 {
        nodes[group].pinned = matching[0]
      } else {
        for choice in strategies.indices where !matching.contains(choice) {
          nodes[group].costs[choice] += Self.excluded
        }
      }
    }
    let carried = loopCarried(costGraph)
    let edges = costGraph.edges.filter { $0.costs.contains { $0 != 0 } }.map {
      ShardingILP.Edge(from: $0.from, to: $0.to, costs: $0.costs)
    }
    return ShardingILP(nodes: nodes, edges: edges + carried.edges, aliases: carried.aliases)
  }

  /// A cost no real choice reaches, used to exclude choices.
  static let excluded = 1e6

  /// Parameters and optimizer state must be read by the next step in the sharding their update
  /// produced. Merged groups need nothing; groups whose choices line up with the same specs get an
  /// alias; any other pair pays the resharding from the update back to the input (a loop-carried
  /// edge).
  private func loopCarried(_ costGraph: CostGraph)
    -> (aliases: [ShardingILP.Alias], edges: [ShardingILP.Edge])
  {
    var aliases: [ShardingILP.Alias] = []
    var edges: [ShardingILP.Edge] = []
    for output in context.graph.outputs {
      guard let replaced = output.replaces, let (input, inputMember) = costGraph.owner[replaced],
        let (update, updateMember) = costGraph.owner[output.node], input != update
      else { continue }
      let inputSpecs = costGraph.groups[input].members[inputMember].strategies.map(\.output)
      let updateSpecs = costGraph.groups[update].members[updateMember].strategies.map(\.output)
      if inputSpecs == updateSpecs {
        aliases.append(ShardingILP.Alias(first: input, second: update))
        continue
      }
      let type = context.graph[replaced].type
      let costs = updateSpecs.flatMap { from in
        inputSpecs.map { to in context.resharding(type, from: from, to: to).seconds }
      }
      edges.append(ShardingILP.Edge(from: update, to: input, costs: costs))
    }
    return (aliases, edges)
  }

  private func explain(_ error: SolverError, problem: ShardingILP) -> ShardingError {
    guard case .infeasible(.memory(let row, let budget, let needed)) = error else {
      return .solver(error)
    }
    // The smallest budget comes from a second MIP; past the solver's size limit, the needs of
    // the local search's assignment are what is known.
    if problem.directFormulationSize.variables <= limits.maximumVariables,
      let minimum = try? CBCSolver().minimumFeasibleBudget(problem, limits: limits)
    {
      return .memoryBudgetTooSmall(
        budgetBytes: budget, neededBytes: minimum.bytes, point: minimum.row)
    }
    return .memoryBudgetTooSmall(budgetBytes: budget, neededBytes: needed, point: row)
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let (whole, attoseconds) = components
    return Double(whole) + Double(attoseconds) * 1e-18
  }
}

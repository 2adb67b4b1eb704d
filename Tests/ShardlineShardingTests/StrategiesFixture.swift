import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlineSharding

/// Meshes, contexts and spec propagation shared by the strategy tests.
enum StrategiesFixture {
  /// The host of AWS p3.16xlarge: 8 × V100 on NVLink.
  static let host = ClusterSpec.preset(named: "p3.16xlarge")!.host

  /// A `rows × columns` logical view of one host's 8 devices.
  static func mesh(_ rows: Int, _ columns: Int) -> LogicalMesh {
    LogicalMesh(
      shape: LogicalMeshShape(rows: rows, columns: columns),
      submesh: SubmeshShape(hostCount: 1, devicesPerHost: rows * columns), host: host)
  }

  /// A context for `graph` on a `rows × columns` mesh of V100s.
  static func context(
    _ graph: Graph, _ rows: Int, _ columns: Int, options: ShardingOptions = ShardingOptions(),
    costOptions: CostModelOptions = CostModelOptions()
  ) -> ShardingContext {
    ShardingContext(
      graph: graph, mesh: mesh(rows, columns),
      costModel: ComputeCostModel(device: host.device, options: costOptions), options: options)
  }

  /// Whether a node is materialized locally in any layout (the rule the tests use).
  static func isFree(_ graph: Graph) -> (NodeID) -> Bool {
    { id in
      switch graph[id].op {
      case .constant, .iota: true
      default: false
      }
    }
  }

  /// The strategy of every node of `context`'s graph: a node in `sources` is produced in the
  /// spec given there, a follower follows its leader, any other node takes its first strategy.
  static func propagate(_ context: ShardingContext, sources: [NodeID: ShardingSpec])
    -> [NodeID: ShardingStrategy]
  {
    let graph = context.graph
    var chosen: [NodeID: ShardingStrategy] = [:]
    for node in graph.nodes {
      if let spec = sources[node.id] {
        chosen[node.id] = ShardingStrategy(
          name: spec.description, output: spec, operands: [], computeSeconds: 0,
          outputBytesPerDevice: 0)
      } else if let leader = context.leaderOperand(of: node.id, isFree: isFree(graph)),
        let spec = chosen[node.operands[leader]]?.output
      {
        chosen[node.id] =
          context.followerStrategies(
            for: node.id, leader: leader, leaderSpecs: [spec])[0]
      } else {
        chosen[node.id] = context.strategies(for: node.id)[0]
      }
    }
    return chosen
  }
}

extension ShardingSpec {
  /// Parses test notation, trapping on a typo.
  static func spec(_ text: String, rank: Int) -> ShardingSpec {
    ShardingSpec(parsing: text, rank: rank)!
  }
}

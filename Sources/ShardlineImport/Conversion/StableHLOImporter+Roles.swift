import ShardlineIR

/// Recording inferred roles, and reading `main`'s shardings.
extension StableHLOImporter {
  /// Infers the inputs' and outputs' roles (see ``RoleInference``) and records them with the
  /// owners, slots and initializers of ``InputDefaults``.
  static func assignRoles(_ graph: inout Graph, main: Function, options: ImportOptions)
    throws(ImportError)
  {
    let arguments = graph.inputs.map(\.node)
    let argumentPaths = main.arguments.map { $0.debugName.flatMap(KeyPath.init) }
    let resultPaths = main.resultTypes.indices.map { index -> KeyPath? in
      guard main.resultAttributes.indices.contains(index),
        case .string(let info) = main.resultAttributes[index]["jax.result_info"]
      else { return nil }
      return KeyPath(info)
    }
    let roles = try RoleInference(
      graph: graph, arguments: arguments, argumentPaths: argumentPaths,
      results: graph.outputs.map(\.node), resultPaths: resultPaths, options: options,
      location: main.location
    ).infer()
    let replaced = Set(roles.replaces.compactMap { $0 })
    let owners = InputDefaults.owners(
      roles: roles.roles, types: arguments.map { graph[$0].type }, paths: argumentPaths)
    let users = graph.users()
    let snapshot = graph
    for (index, node) in arguments.enumerated() {
      let role = roles.roles[index]
      let isReplaced = replaced.contains(index)
      graph.inputs[index] = GraphInput(
        node: node, role: role, parameter: owners[index].map { arguments[$0] },
        slot: role == .optimizerState
          ? InputDefaults.slot(
            path: argumentPaths[index], ownerPath: owners[index].flatMap { argumentPaths[$0] },
            replaced: isReplaced) : nil,
        initializer: InputDefaults.initializer(
          role: role, replaced: isReplaced, node: node, name: snapshot[node].name,
          graph: snapshot, users: users))
    }
    for index in graph.outputs.indices {
      if index == roles.loss {
        graph.outputs[index].role = .loss
      } else if let argument = roles.replaces[index] {
        graph.outputs[index].role =
          roles.roles[argument] == .parameter ? .updatedParameter : .updatedOptimizerState
        graph.outputs[index].replaces = arguments[argument]
      }
    }
  }

  /// The `sdy.sharding` of each argument that has one.
  static func shardings(_ main: Function, graph: Graph, meshes: [String: [MeshAxis]])
    throws(ImportError) -> [ArgumentSharding]
  {
    var shardings: [ArgumentSharding] = []
    for (index, argument) in main.arguments.enumerated() {
      guard let attribute = argument.attributes["sdy.sharding"],
        graph.inputs.indices.contains(index)
      else { continue }
      let text: String
      switch attribute {
      case .opaque(let value), .string(let value): text = value
      default:
        throw ImportError(at: argument.location, "sdy.sharding is not a #sdy.sharding<…>")
      }
      let node = graph.inputs[index].node
      shardings.append(
        try ArgumentSharding(
          text: text, argument: index, node: node, rank: graph[node].type.rank, meshes: meshes,
          at: argument.location))
    }
    return shardings
  }
}

extension Graph {
  /// Gives every output that replaces an input a node in the update phase, as the runtime
  /// requires: an output returned unchanged (an input passed through) or computed outside the
  /// update gets an identity `reshape` in the update phase.
  mutating func routeUpdatesThroughUpdatePhase() {
    for index in outputs.indices where outputs[index].replaces != nil {
      let source = self[outputs[index].node]
      guard source.phase != .update || source.op == .parameter else { continue }
      let id = NodeID(nodes.count)
      nodes.append(
        Node(
          id: id, op: .reshape, operands: [source.id], type: source.type,
          name: "\(source.name)/updated", phase: .update, layer: nil))
      outputs[index].node = id
    }
  }
}

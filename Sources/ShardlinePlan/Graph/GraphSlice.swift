import ShardlineIR

/// A standalone graph cut out of a training-step graph: some of its nodes, with every value they
/// read from outside turned into an input, and every value read outside (or returned by the
/// step) turned into an output.
///
/// A slice is what the intra-operator pass solves for one layer or one pipeline stage. Its
/// ``digest`` identifies its structure — ops, types, wiring, phases and input roles, not names
/// or positions in the whole graph — so that structurally identical layers (the blocks of a
/// transformer) are solved once and their shardings reused.
public struct GraphSlice: Sendable {
  /// The slice as a graph of its own, valid on its own.
  public let graph: Graph
  /// For each node of ``graph``: the node of the whole graph it stands for (for a boundary
  /// input, the outside node producing the value).
  public let wholeGraphNodes: [NodeID]
  /// The slice's inputs that stand for values produced outside it, in slice-node order.
  public let boundaryInputs: [NodeID]
  /// The slice node standing for each node of the whole graph it contains or reads.
  public let sliceNodes: [NodeID: NodeID]
  /// A structural hash of the slice (FNV-1a, 64 bits, hexadecimal).
  public let digest: String

  /// Cuts the nodes `members` (ascending) out of `whole`.
  ///
  /// - Parameter users: `whole.users()`, passed in so that many slices of one graph share it.
  public init(of whole: Graph, members: [NodeID], users: [[NodeID]]) {
    var local: [NodeID: NodeID] = [:]
    var nodes: [Node] = []
    var mapping: [NodeID] = []
    var inputs: [GraphInput] = []
    var boundary: [NodeID] = []
    let wholeInputs = Dictionary(
      whole.inputs.map { ($0.node, $0) }, uniquingKeysWith: { a, _ in a })
    let memberSet = Set(members)

    func addInput(for source: NodeID, boundaryValue: Bool) -> NodeID {
      let original = whole[source]
      let id = NodeID(nodes.count)
      let name = boundaryValue ? "boundary/\(original.name)" : original.name
      nodes.append(
        Node(
          id: id, op: .parameter, operands: [], type: original.type, name: name,
          phase: boundaryValue ? .forward : original.phase, layer: original.layer))
      mapping.append(source)
      local[source] = id
      if var input = wholeInputs[source] {
        input.node = id
        input.parameter = input.parameter.flatMap { local[$0] }
        inputs.append(input)
      } else {
        inputs.append(GraphInput(node: id, role: .batch))
      }
      if boundaryValue { boundary.append(id) }
      return id
    }

    for member in members {
      let original = whole[member]
      if original.op == .parameter {
        _ = addInput(for: member, boundaryValue: false)
        continue
      }
      var operands: [NodeID] = []
      for operand in original.operands {
        operands.append(local[operand] ?? addInput(for: operand, boundaryValue: true))
      }
      let id = NodeID(nodes.count)
      var node = original
      node.id = id
      node.operands = operands
      node.differentiates = original.differentiates.flatMap { local[$0] }
      nodes.append(node)
      mapping.append(member)
      local[member] = id
    }

    var outputs: [GraphOutput] = []
    var returned = Set<NodeID>()
    for output in whole.outputs {
      guard let id = local[output.node], memberSet.contains(output.node) else { continue }
      let replaces = output.replaces.flatMap { local[$0] }
      outputs.append(
        GraphOutput(
          node: id, role: replaces == nil && output.role != .loss ? .value : output.role,
          replaces: replaces))
      returned.insert(id)
    }
    for member in members where !returned.contains(local[member]!) {
      if users[member.rawValue].contains(where: { !memberSet.contains($0) }) {
        outputs.append(GraphOutput(node: local[member]!, role: .value))
      }
    }
    graph = Graph(name: whole.name, nodes: nodes, inputs: inputs, outputs: outputs)
    wholeGraphNodes = mapping
    boundaryInputs = boundary
    sliceNodes = local
    digest = Self.digest(of: graph)
  }

  /// The structural hash of `graph`: everything but names and model-layer numbers.
  static func digest(of graph: Graph) -> String {
    var hash = StructuralHasher()
    // Describing an op or a phase goes through reflection, and a graph repeats few distinct
    // ops, types and phases, so each is described once. The text is what it always was (the
    // digest keys plans and profile caches on disk): operands read `[3, 7]`, as `[Int]` prints.
    var ops: [Op: String] = [:]
    var types: [TensorType: String] = [:]
    let phases = Dictionary(uniqueKeysWithValues: Phase.allCases.map { ($0, "\($0)") })
    for node in graph.nodes {
      let op = ops[node.op] ?? "\(node.op)"
      ops[node.op] = op
      let type = types[node.type] ?? node.type.description
      types[node.type] = type
      // The field `op|type|[3, 7]|phase`, hashed in parts.
      hash.append(op)
      hash.append("|")
      hash.append(type)
      hash.append("|[")
      for (position, operand) in node.operands.enumerated() {
        if position > 0 { hash.append(", ") }
        hash.append(String(operand.rawValue))
      }
      hash.append("]|")
      hash.append(phases[node.phase]!)
      hash.endField()
    }
    for input in graph.inputs {
      hash.combine(
        "in \(input.node.rawValue) \(input.role) \(input.parameter?.rawValue ?? -1) \(input.slot ?? "")"
      )
    }
    for output in graph.outputs {
      hash.combine("out \(output.node.rawValue) \(output.role) \(output.replaces?.rawValue ?? -1)")
    }
    return hash.hex
  }
}

/// FNV-1a over strings: stable across runs and platforms, unlike `Hasher`, so it can key caches
/// on disk.
public struct StructuralHasher: Sendable {
  /// The hash so far.
  public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  /// An empty hash.
  public init() {}

  /// Mixes in `text` and a separator.
  public mutating func combine(_ text: String) {
    append(text)
    endField()
  }

  /// Mixes in `text` with no separator: appending the parts of a field and then ending it
  /// hashes the same as combining the whole field, without building it.
  mutating func append(_ text: String) {
    for byte in text.utf8 {
      value ^= UInt64(byte)
      value = value &* 0x0000_0100_0000_01b3
    }
  }

  /// Ends a field appended in parts.
  mutating func endField() {
    value ^= 0xff
    value = value &* 0x0000_0100_0000_01b3
  }

  /// The hash as 16 hexadecimal digits.
  public var hex: String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

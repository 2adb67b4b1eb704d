/// Reverse-mode automatic differentiation over a graph being built.
///
/// Walks the nodes from the loss back to the parameters and, for every op on a path between them,
/// emits the ops of its vector–Jacobian product (VJP) into the same builder. Emitted ops are in
/// the ``Phase/backward`` phase, carry the layer and the id (``Node/differentiates``) of the
/// forward op they differentiate and are named after it (`block2/mlp/fc1/dot_general/vjp/...`).
public enum Autodiff {
  /// Emits the gradients of the scalar `loss` with respect to each of `parameters`.
  ///
  /// - Parameters:
  ///   - seed: The cotangent of the loss (a static loss scale; 1 for plain gradients).
  /// - Returns: One gradient per parameter, of the parameter's type; zeros for a parameter the
  ///   loss does not depend on.
  /// - Throws: ``IRError/notDifferentiable(node:reason:)`` for a non-scalar or integer loss.
  public static func gradients(
    of loss: Value, withRespectTo parameters: [Value], seed: Double = 1, in builder: GraphBuilder
  ) throws(IRError) -> [Value] {
    let lossNode = builder[loss.id]
    guard loss.rank == 0, loss.dtype.isFloatingPoint else {
      throw .notDifferentiable(node: lossNode.name, reason: "the loss must be a float scalar")
    }
    let count = loss.id.rawValue + 1
    let active = activeNodes(count: count, parameters: parameters, builder: builder)
    var cotangents = Cotangents(builder: builder)
    try builder.with(
      scopePath: lossNode.name + "/vjp", phase: .backward, layer: lossNode.layer,
      differentiating: lossNode.id
    ) {
      () throws(IRError) in
      try cotangents.accumulate(builder.constant(seed, loss.type), into: loss.id)
    }
    for index in stride(from: count - 1, through: 0, by: -1) where active[index] {
      let node = builder.nodes[index]
      guard let g = cotangents.take(node.id) else { continue }
      if node.op == .parameter { cotangents.keep(g, for: node.id) }
      try builder.with(
        scopePath: node.name + "/vjp", phase: .backward, layer: node.layer,
        differentiating: node.id
      ) {
        () throws(IRError) in
        let rule = VJPRule(builder: builder, node: node, cotangent: g)
        for (position, operand) in node.operands.enumerated() where active[operand.rawValue] {
          if let contribution = try rule.cotangent(forOperand: position) {
            try cotangents.accumulate(contribution, into: operand)
          }
        }
      }
    }
    var result: [Value] = []
    for parameter in parameters {
      if let g = cotangents.kept(parameter.id) {
        result.append(g)
      } else {
        result.append(try builder.constant(0, parameter.type, label: "zero_grad"))
      }
    }
    return result
  }

  /// Nodes that depend on a parameter through floating-point values: only these carry
  /// cotangents.
  static func activeNodes(count: Int, parameters: [Value], builder: GraphBuilder) -> [Bool] {
    var active = Array(repeating: false, count: count)
    for parameter in parameters where parameter.id.rawValue < count {
      active[parameter.id.rawValue] = true
    }
    for index in 0..<count where !active[index] {
      let node = builder.nodes[index]
      guard node.type.dtype.isFloatingPoint, node.op.isDifferentiable,
        !builder.gradientStops.contains(node.id)
      else { continue }
      active[index] = node.operands.contains { active[$0.rawValue] }
    }
    return active
  }
}

/// Accumulates the cotangents flowing into each node, summing contributions with `add` ops.
struct Cotangents {
  let builder: GraphBuilder
  private var pending: [NodeID: Value] = [:]
  private var final: [NodeID: Value] = [:]

  init(builder: GraphBuilder) { self.builder = builder }

  mutating func accumulate(_ contribution: Value, into node: NodeID) throws(IRError) {
    if let existing = pending[node] {
      pending[node] = try builder.add(existing, contribution)
    } else {
      pending[node] = contribution
    }
  }

  mutating func take(_ node: NodeID) -> Value? { pending.removeValue(forKey: node) }

  mutating func keep(_ value: Value, for node: NodeID) { final[node] = value }

  func kept(_ node: NodeID) -> Value? { final[node] }
}

extension Op {
  /// Whether gradients flow through the op (to at least one operand).
  var isDifferentiable: Bool {
    switch self {
    case .constant, .iota, .compare, .parameter: false
    case .unary(.sign): false
    case .binary(.and), .binary(.or): false
    default: true
    }
  }
}

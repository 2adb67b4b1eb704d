/// Builds a ``Graph`` op by op, checking every op as it is added.
///
/// The builder tracks a scope stack (names such as `block3/attn/qkv`), the current ``Phase`` and
/// the current model layer; each node records all three. Composite helpers (linear, layer norm,
/// attention, …) live in extensions and emit only primitive ops.
///
/// ```swift
/// let b = GraphBuilder(name: "mlp")
/// let x = try b.input("x", TensorType([8, 4], .f32))
/// let w = try b.weight("w", [4, 2], initializer: .normal(stddev: 0.5))
/// let y = try b.matmul(x, w)
/// ```
public final class GraphBuilder {
  /// The name given to the built graph.
  public let name: String
  /// Element type that ``weight(_:_:initializer:)`` values and activations are computed in;
  /// parameters are stored as `f32` master weights and converted when this differs.
  public var computeType: DType
  /// Phase recorded on new nodes.
  public var phase: Phase = .forward
  /// Layer recorded on new nodes.
  public var layer: Int?
  /// Forward op recorded on new backward nodes (see ``Node/differentiates``).
  public var differentiating: NodeID?
  /// The nodes built so far.
  public private(set) var nodes: [Node] = []
  /// The graph inputs declared so far.
  public private(set) var inputs: [GraphInput] = []
  /// The graph outputs declared so far.
  public private(set) var outputs: [GraphOutput] = []
  /// Identity nodes that autodiff treats as constants (see ``stopGradient(_:)``).
  public private(set) var gradientStops: Set<NodeID> = []
  private var scopes: [String] = []

  /// Creates an empty builder.
  public init(name: String, computeType: DType = .f32) {
    self.name = name
    self.computeType = computeType
  }

  /// The current scope path, such as `block3/attn`.
  public var scopePath: String { scopes.joined(separator: "/") }

  /// Runs `body` with `name` pushed on the scope stack.
  public func scope<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
    scopes.append(name)
    defer { scopes.removeLast() }
    return try body()
  }

  /// Runs `body` inside scope `name` with every new node assigned to model layer `index`.
  public func layer<T, E: Error>(
    _ index: Int, named name: String, _ body: () throws(E) -> T
  ) throws(E) -> T {
    let saved = layer
    layer = index
    defer { layer = saved }
    return try scope(name, body)
  }

  /// Runs `body` with another scope path, phase and layer, restoring them afterwards.
  ///
  /// Autodiff and optimizers use it to name the ops they emit after the ops they come from;
  /// autodiff also passes the forward op being differentiated.
  public func with<T, E: Error>(
    scopePath: String, phase: Phase, layer: Int?, differentiating: NodeID? = nil,
    _ body: () throws(E) -> T
  ) throws(E) -> T {
    let saved = (scopes, self.phase, self.layer, self.differentiating)
    scopes = scopePath.isEmpty ? [] : [scopePath]
    self.phase = phase
    self.layer = layer
    self.differentiating = differentiating
    defer { (scopes, self.phase, self.layer, self.differentiating) = saved }
    return try body()
  }

  /// The value of `x`, through which autodiff propagates no gradient (JAX's `stop_gradient`).
  ///
  /// Emitted as an identity `reshape` that ``Autodiff`` skips; softmax uses it for the max it
  /// subtracts, which changes nothing mathematically and so needs no backward ops or saved
  /// activations.
  public func stopGradient(_ x: Value) throws(IRError) -> Value {
    let identity = try emit(.reshape, [x], type: x.type, label: "stop_gradient")
    gradientStops.insert(identity.id)
    return identity
  }

  /// The node with the given id.
  public subscript(id: NodeID) -> Node { nodes[id.rawValue] }

  /// The value of an existing node.
  public func value(_ id: NodeID) -> Value { Value(id: id, type: nodes[id.rawValue].type) }

  /// Adds one op after checking it against its operands.
  ///
  /// - Parameters:
  ///   - label: The last component of the node's name; defaults to the op kind.
  ///   - type: The declared result type, required by ops that cannot derive it.
  /// - Throws: ``IRError/invalidOp(node:kind:reason:)`` when the op is inconsistent.
  @discardableResult
  public func emit(
    _ op: Op, _ operands: [Value], type: TensorType? = nil, label: String? = nil
  ) throws(IRError) -> Value {
    let label = label ?? op.kindName
    let name = scopes.isEmpty ? label : "\(scopePath)/\(label)"
    let result = try TypeChecker.resultType(
      of: op, operands: operands.map(\.type), declared: type, name: name)
    let id = NodeID(nodes.count)
    nodes.append(
      Node(
        id: id, op: op, operands: operands.map(\.id), type: result, name: name, phase: phase,
        layer: layer, differentiates: phase == .backward ? differentiating : nil))
    return Value(id: id, type: result)
  }

  /// Declares a graph input.
  public func input(
    _ label: String, _ type: TensorType, role: InputRole = .batch,
    initializer: Initializer? = nil, parameter: NodeID? = nil, slot: String? = nil
  ) throws(IRError) -> Value {
    let value = try emit(.parameter, [], type: type, label: label)
    inputs.append(
      GraphInput(
        node: value.id, role: role, parameter: parameter, slot: slot, initializer: initializer))
    return value
  }

  /// Declares a trainable parameter stored in `f32` and returns it in ``computeType``.
  ///
  /// With mixed precision the returned value is a `convert` of the f32 master weight.
  public func weight(_ label: String, _ shape: [Int], initializer: Initializer) throws(IRError)
    -> Value
  {
    let master = try input(
      label, TensorType(shape, .f32), role: .parameter, initializer: initializer)
    return computeType == .f32 ? master : try convert(master, to: computeType)
  }

  /// The trainable parameters declared so far (their f32 master values).
  public var parameters: [Value] { inputs.filter { $0.role == .parameter }.map { value($0.node) } }

  /// Declares a graph output.
  public func output(_ value: Value, role: OutputRole = .value, replaces: NodeID? = nil) {
    outputs.append(GraphOutput(node: value.id, role: role, replaces: replaces))
  }

  /// The finished graph.
  public func build() -> Graph {
    Graph(name: name, nodes: nodes, inputs: inputs, outputs: outputs)
  }
}

import ShardlineIR

/// How `main`'s `sdy.sharding` attribute asks for one argument to be laid out on a mesh.
public struct ArgumentSharding: Sendable, Hashable {
  /// The argument's position among `main`'s arguments.
  public var argument: Int
  /// The argument's `parameter` node in the imported graph.
  public var node: NodeID
  /// The mesh's symbol name, without `@`.
  public var mesh: String
  /// The mesh's axes, in order, with their sizes.
  public var meshAxes: [MeshAxis]
  /// For each tensor dimension, the mesh axes it is split over, major first (empty: whole).
  public var dimensions: [[String]]
  /// Axes the argument is explicitly replicated over.
  public var replicated: [String]

  /// Creates a sharding.
  public init(
    argument: Int, node: NodeID, mesh: String, meshAxes: [MeshAxis], dimensions: [[String]],
    replicated: [String] = []
  ) {
    self.argument = argument
    self.node = node
    self.mesh = mesh
    self.meshAxes = meshAxes
    self.dimensions = dimensions
    self.replicated = replicated
  }
}

extension ArgumentSharding {
  /// Reads `#sdy.sharding<@mesh, [{"x"}, {}]>` (optionally `, replicated={"y"}`); open
  /// dimensions (`{?}`, `{"x", ?}`) and priorities (`p0`) are accepted and ignored.
  ///
  /// - Throws: An ``ImportError`` at `location` for text it cannot read, an unknown mesh or axis,
  ///   or a rank that does not match the argument's.
  init(
    text: String, argument: Int, node: NodeID, rank: Int, meshes: [String: [MeshAxis]],
    at location: SourceLocation
  ) throws(ImportError) {
    func fail(_ reason: String) -> ImportError {
      ImportError(at: location, "cannot read sharding \(text): \(reason)")
    }
    var body = Substring(text.filter { !$0.isWhitespace })
    guard body.hasPrefix("#sdy.sharding<@"), body.hasSuffix(">") else {
      throw fail("expected #sdy.sharding<@mesh, [...]>")
    }
    body = body.dropFirst("#sdy.sharding<@".count).dropLast()
    guard let comma = body.firstIndex(of: ",") else { throw fail("no dimension list") }
    let mesh = String(body[..<comma])
    guard let axes = meshes[mesh] else { throw fail("unknown mesh @\(mesh)") }
    body = body[body.index(after: comma)...]
    guard body.hasPrefix("["), let close = body.firstIndex(of: "]") else {
      throw fail("no dimension list")
    }
    let list = body[body.index(after: body.startIndex)..<close]
    var dimensions: [[String]] = []
    var rest = list
    while !rest.isEmpty {
      guard rest.hasPrefix("{"), let end = rest.firstIndex(of: "}") else {
        throw fail("malformed dimension")
      }
      dimensions.append(Self.axisNames(rest[rest.index(after: rest.startIndex)..<end]))
      rest = rest[rest.index(after: end)...].drop { $0 != "," && $0 != "{" }
      if rest.hasPrefix(",") { rest = rest.dropFirst() }
    }
    var replicated: [String] = []
    let tail = body[body.index(after: close)...]
    if tail.hasPrefix(",replicated={"), let end = tail.firstIndex(of: "}") {
      replicated = Self.axisNames(tail[tail.index(tail.startIndex, offsetBy: 13)..<end])
    } else if !tail.isEmpty {
      throw fail("unexpected \(tail)")
    }
    guard dimensions.count == rank else {
      throw fail("\(dimensions.count) dimensions for an argument of rank \(rank)")
    }
    let known = Set(axes.map(\.name))
    if let unknown = (dimensions.flatMap { $0 } + replicated).first(where: { !known.contains($0) })
    {
      throw fail("mesh @\(mesh) has no axis \"\(unknown)\"")
    }
    self.init(
      argument: argument, node: node, mesh: mesh, meshAxes: axes, dimensions: dimensions,
      replicated: replicated)
  }

  /// The quoted axis names in `"x","y",?`.
  private static func axisNames(_ text: Substring) -> [String] {
    text.split(separator: ",").map { $0.filter { $0 != "\"" } }.filter { !$0.isEmpty && $0 != "?" }
  }
}

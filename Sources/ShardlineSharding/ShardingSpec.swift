/// How a tensor is laid out on a 2-D logical mesh: a ``DimSharding`` per dimension, plus the
/// mesh axes over which it is a partial sum.
///
/// Printed in Alpa's notation, one token per dimension (`S0R`, `RS1`, `S01R`), with the
/// partial-sum axes as a suffix (`RRP1`: replicated shape, each device holding a partial sum
/// that an all-reduce or reduce-scatter over axis 1 completes). A scalar prints as `-`.
/// Alpa had no partial state (a split contraction paid its all-reduce inside the op); keeping it
/// lets the consumer choose a reduce-scatter, which is how ZeRO-style sharded updates arise.
public struct ShardingSpec: Hashable, Sendable, CustomStringConvertible {
  /// The split of each dimension.
  public var dims: [DimSharding]
  /// Mesh axes, ascending, over which the tensor still has to be summed.
  public var partialAxes: [Int]

  /// Creates a spec.
  public init(_ dims: [DimSharding], partialAxes: [Int] = []) {
    self.dims = dims
    self.partialAxes = partialAxes.sorted()
  }

  /// The fully replicated spec of a tensor of rank `rank`.
  public static func replicated(rank: Int) -> ShardingSpec {
    ShardingSpec(Array(repeating: .replicated, count: rank))
  }

  /// Whether the tensor is a pending partial sum over some axis.
  public var isPartial: Bool { !partialAxes.isEmpty }

  /// The same layout with the partial sums completed.
  public var withoutPartial: ShardingSpec { ShardingSpec(dims) }

  /// Mesh axes that split some dimension.
  public var splitAxes: [Int] { dims.flatMap(\.axes).sorted() }

  /// Every mesh axis the spec uses, for splitting or as a partial sum.
  public var usedAxes: Set<Int> { Set(dims.flatMap(\.axes) + partialAxes) }

  /// The dimension split over `axis`, if any.
  public func dimension(splitOver axis: Int) -> Int? {
    dims.firstIndex { $0.axes.contains(axis) }
  }

  /// Whether the spec is legal for `shape` on `mesh`: each axis used once, and every split
  /// dimension divisible by the devices it is split over.
  public func isValid(for shape: [Int], on mesh: MeshShape) -> Bool {
    guard dims.count == shape.count else { return false }
    let axes = dims.flatMap(\.axes) + partialAxes
    guard Set(axes).count == axes.count else { return false }
    for (size, dim) in zip(shape, dims) {
      let devices = mesh.devices(along: dim.axes)
      if devices > 1 && size % devices != 0 { return false }
    }
    return true
  }

  /// The shape of one device's shard of a tensor of `shape`.
  public func localShape(of shape: [Int], on mesh: MeshShape) -> [Int] {
    zip(shape, dims).map { size, dim in size / max(mesh.devices(along: dim.axes), 1) }
  }

  /// How many devices share the elements of the tensor (the product of the split axes' sizes).
  public func shardCount(on mesh: MeshShape) -> Int { mesh.devices(along: splitAxes) }

  /// `S0R`, `RS1P0`, `-` for a replicated scalar.
  public var description: String {
    let body = dims.isEmpty ? "-" : dims.map(\.rawValue).joined()
    guard isPartial else { return body }
    return body + "P" + partialAxes.map(String.init).joined()
  }

  /// Parses the notation of ``description`` for a tensor of rank `rank`.
  ///
  /// - Returns: `nil` if the text is not a spec of that rank.
  public init?(parsing text: String, rank: Int) {
    var rest = Substring(text.uppercased())
    var dims: [DimSharding] = []
    var partial: [Int] = []
    if rest.hasPrefix("-") {
      rest = rest.dropFirst()
    }
    while !rest.isEmpty {
      if rest.hasPrefix("P") {
        let digits = rest.dropFirst()
        guard !digits.isEmpty, digits.allSatisfy({ $0 == "0" || $0 == "1" }) else { return nil }
        partial = digits.compactMap { Int(String($0)) }
        rest = ""
      } else if rest.hasPrefix("S01") {
        dims.append(.both)
        rest = rest.dropFirst(3)
      } else if rest.hasPrefix("S0") {
        dims.append(.axis0)
        rest = rest.dropFirst(2)
      } else if rest.hasPrefix("S1") {
        dims.append(.axis1)
        rest = rest.dropFirst(2)
      } else if rest.hasPrefix("R") {
        dims.append(.replicated)
        rest = rest.dropFirst()
      } else {
        return nil
      }
    }
    guard dims.count == rank, Set(partial).count == partial.count else { return nil }
    self.init(dims, partialAxes: partial)
  }
}

extension ShardingSpec {
  /// Parses the notation of ``description``, taking the rank from the number of dimension
  /// tokens (`S0R` has rank 2, `-` rank 0).
  public init?(parsing text: String) {
    self.init(parsing: text, rank: Self.rank(ofNotation: text))
  }
}

extension ShardingSpec: Codable {
  /// Specs are stored as their notation string with their rank, `{"spec": "S0R", "rank": 2}`
  /// being redundant, so the JSON form is the bare string; decoding infers the rank.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    let rank = Self.rank(ofNotation: text)
    guard let spec = ShardingSpec(parsing: text, rank: rank) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a sharding spec"))
    }
    self = spec
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  /// The number of dimension tokens in a notation string.
  static func rank(ofNotation text: String) -> Int {
    let body = text.uppercased().split(separator: "P", maxSplits: 1).first.map(String.init) ?? ""
    if body == "-" || body.isEmpty { return 0 }
    return body.filter { $0 == "R" || $0 == "S" }.count
  }
}

extension ShardingSpec {
  /// The equivalent spec that splits over no axis of size 1 (on a 1×8 mesh `S0R` is `RR`).
  public func canonical(on mesh: MeshShape) -> ShardingSpec {
    let useful = Set(mesh.usefulAxes)
    let dims = self.dims.map { dim in DimSharding(axes: dim.axes.filter(useful.contains))! }
    return ShardingSpec(dims, partialAxes: partialAxes.filter(useful.contains))
  }
}

import ShardlineImport
import ShardlineSharding

/// Why an `sdy.sharding` annotation does not apply on a logical mesh.
struct AnnotationMismatch: Error, Hashable, CustomStringConvertible {
  /// The reason, e.g. `the annotations' mesh is data=2×model=4`.
  let description: String
}

/// Reading an `sdy.sharding` annotation as a sharding spec on a 2-D logical mesh.
extension ArgumentSharding {
  /// The annotation's mesh as `data=2×model=4`.
  var meshDescription: String {
    meshAxes.map { "\($0.name)=\($0.size)" }.joined(separator: "×")
  }

  /// The spec the annotation asks for on a logical mesh of shape `mesh`.
  ///
  /// The annotation's mesh axes map onto the logical mesh's in order when both have the same
  /// shape (`data=2, model=4` on `2×4`: `data` is axis 0, `model` axis 1); a one-axis mesh of N
  /// devices maps onto the logical axis of N devices (axis 1 of `1×N`, axis 0 of `N×1`).
  /// Explicitly replicated axes need nothing: a spec replicates over every axis it does not
  /// split over. Whether the argument's shape divides is left to the sharding pass.
  ///
  /// - Returns: The spec, or why the annotation does not apply: another mesh shape, or a
  ///   dimension split over both axes minor first, which the logical mesh cannot express.
  func spec(on mesh: MeshShape) -> Result<ShardingSpec, AnnotationMismatch> {
    guard let axes = logicalAxes(on: mesh) else {
      return .failure(
        AnnotationMismatch(description: "the annotations' mesh is \(meshDescription)"))
    }
    var dims: [DimSharding] = []
    for (index, names) in dimensions.enumerated() {
      guard let dim = DimSharding(axes: names.compactMap { axes[$0] }) else {
        return .failure(
          AnnotationMismatch(
            description: "dimension \(index) is split over "
              + names.joined(separator: " then ") + ", minor axis first"))
      }
      dims.append(dim)
    }
    return .success(ShardingSpec(dims))
  }

  /// Each annotation axis's logical axis on `mesh`, or `nil` when the shapes do not match.
  private func logicalAxes(on mesh: MeshShape) -> [String: Int]? {
    let sizes = meshAxes.map(\.size)
    if sizes == mesh.sizes {
      return Dictionary(uniqueKeysWithValues: meshAxes.enumerated().map { ($1.name, $0) })
    }
    guard let axis = meshAxes.first, meshAxes.count == 1 else { return nil }
    if mesh.sizes == [1, axis.size] { return [axis.name: 1] }
    if mesh.sizes == [axis.size, 1] { return [axis.name: 0] }
    return nil
  }
}

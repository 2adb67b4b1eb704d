import ShardlineIR
import Testing

@testable import ShardlineImport

@Suite struct ShapeImportTests {
  @Test("broadcast with out-of-order dimensions becomes transpose then broadcast")
  func transposingBroadcast() throws {
    let s = ModuleSketch()
    let x = s.argument("2x3xf32")
    let b = s.op(
      "stablehlo.broadcast_in_dim", [x], ["broadcast_dimensions": A.ints([2, 0])], "3x4x2xf32")
    s.returns([b], ["3x4x2xf32"])
    let (model, out) = try importAndRun(s, [[1, 2, 3, 4, 5, 6]])
    // result[i, j, k] = x[k, i].
    #expect(Array(out[0].prefix(8)) == [1, 4, 1, 4, 1, 4, 1, 4])
    #expect(model.graph.opCounts["transpose"] == 1)
  }

  @Test("reshape, transpose, reverse, slice, concatenate and pad")
  func dataMovement() throws {
    let s = ModuleSketch()
    let x = s.argument("6xf32")
    let r = s.op("stablehlo.reshape", [x], "2x3xf32")
    let t = s.op("stablehlo.transpose", [r], ["permutation": A.ints([1, 0])], "3x2xf32")
    let v = s.op("stablehlo.reverse", [t], ["dimensions": A.ints([0])], "3x2xf32")
    let sl = s.op(
      "stablehlo.slice", [v],
      [
        "start_indices": A.ints([1, 0]), "limit_indices": A.ints([3, 2]),
        "strides": A.ints([1, 1]),
      ],
      "2x2xf32")
    let c = s.op("stablehlo.concatenate", [sl, sl], ["dimension": .integer(0)], "4x2xf32")
    let zero = s.op("stablehlo.constant", [], ["value": A.splat(0, "f32")], "f32")
    let p = s.op(
      "stablehlo.pad", [c, zero],
      [
        "edge_padding_low": A.ints([0, 1]), "edge_padding_high": A.ints([0, 0]),
        "interior_padding": A.ints([0, 0]),
      ], "4x3xf32")
    s.returns([p], ["4x3xf32"])
    let (_, out) = try importAndRun(s, [[1, 2, 3, 4, 5, 6]])
    // r = [[1,2,3],[4,5,6]]; t = [[1,4],[2,5],[3,6]]; v = [[3,6],[2,5],[1,4]]; sl = [[2,5],[1,4]].
    #expect(out[0] == [0, 2, 5, 0, 1, 4, 0, 2, 5, 0, 1, 4])
  }

  @Test("a dynamic slice at known (clamped) offsets becomes a static slice")
  func foldedDynamicSlice() throws {
    let s = ModuleSketch()
    let x = s.argument("5xf32")
    let one = s.op("stablehlo.constant", [], ["value": A.splat(2, "i32")], "i32")
    let three = s.op("stablehlo.add", [one, one], "i32")
    let d = s.op("stablehlo.dynamic_slice", [x, three], ["slice_sizes": A.ints([2])], "2xf32")
    s.returns([d], ["2xf32"])
    let (model, out) = try importAndRun(s, [[1, 2, 3, 4, 5]])
    #expect(out[0] == [4, 5])  // start 4 clamped to 5 − 2 = 3
    #expect(model.graph.opCounts["slice"] == 1)
    #expect(model.graph.opCounts["dynamic_slice"] == nil)
    #expect(model.graph.opCounts["add"] == nil)
  }

  @Test("dynamic slices at data-dependent offsets and dynamic update slices stay dynamic")
  func dynamicSlices() throws {
    let s = ModuleSketch()
    let x = s.argument("4xf32")
    let i = s.argument("i32")
    let u = s.argument("2xf32")
    let d = s.op("stablehlo.dynamic_slice", [x, i], ["slice_sizes": A.ints([2])], "2xf32")
    let w = s.op("stablehlo.dynamic_update_slice", [x, u, i], "4xf32")
    s.returns([d, w], ["2xf32", "4xf32"])
    let (_, out) = try importAndRun(s, [[1, 2, 3, 4], [1], [9, 8]])
    #expect(out[0] == [2, 3])
    #expect(out[1] == [1, 9, 8, 4])
  }

  @Test("a small iota is folded and re-emitted as an iota op")
  func iota() throws {
    let s = ModuleSketch()
    let i = s.op("stablehlo.iota", [], ["iota_dimension": .integer(1)], "2x3xi32")
    let f = s.op("stablehlo.convert", [i], "2x3xf32")
    s.returns([f], ["2x3xf32"])
    let (model, out) = try importAndRun(s, [])
    #expect(out[0] == [0, 1, 2, 0, 1, 2])
    #expect(model.graph.opCounts["iota"] == 1)
  }

  @Test("gather rows of a table and scatter-add them back")
  func gatherScatter() throws {
    let s = ModuleSketch()
    let table = s.argument("3x2xf32")
    let ids = s.argument("2x1xi32")
    let g = s.op(
      "stablehlo.gather", [table, ids],
      [
        "dimension_numbers": .structured(
          kind: "gather",
          fields: [
            NamedAttribute("offset_dims", A.ints([1])),
            NamedAttribute("collapsed_slice_dims", A.ints([0])),
            NamedAttribute("start_index_map", A.ints([0])),
            NamedAttribute("index_vector_dim", .integer(1)),
          ]), "slice_sizes": A.ints([1, 2]),
      ], "2x2xf32")
    let zeros = s.op("stablehlo.constant", [], ["value": A.splat(0, "3x2xf32")], "3x2xf32")
    let sc = s.op(
      "stablehlo.scatter", [zeros, ids, g],
      [
        "scatter_dimension_numbers": .structured(
          kind: "scatter",
          fields: [
            NamedAttribute("update_window_dims", A.ints([1])),
            NamedAttribute("inserted_window_dims", A.ints([0])),
            NamedAttribute("scatter_dims_to_operand_dims", A.ints([0])),
            NamedAttribute("index_vector_dim", .integer(1)),
          ])
      ], "3x2xf32", regions: [s.combiner("stablehlo.add", "f32")])
    s.returns([g, sc], ["2x2xf32", "3x2xf32"])
    let (model, out) = try importAndRun(s, [[1, 2, 3, 4, 5, 6], [2, 2]])
    #expect(model.graph.inputs[1].initializer == .integers(upperBound: 3))
    #expect(out[0] == [5, 6, 5, 6])
    #expect(out[1] == [0, 0, 0, 0, 10, 12])
  }

  /// `jnp.take_along_axis(x, idx[..., None], axis=-1)` and its gradient, as JAX prints them:
  /// batching dimensions, and `index_vector_dim` left out at its default 0 in the scatter.
  @Test("gather and scatter with batching dimensions pick and add one element per row")
  func batchedGatherScatter() throws {
    let s = ModuleSketch()
    let x = s.argument("2x3xf32")
    let idx = s.argument("2x1xi32")
    let g = s.op(
      "stablehlo.gather", [x, idx],
      [
        "dimension_numbers": .structured(
          kind: "gather",
          fields: [
            NamedAttribute("collapsed_slice_dims", A.ints([1])),
            NamedAttribute("operand_batching_dims", A.ints([0])),
            NamedAttribute("start_indices_batching_dims", A.ints([0])),
            NamedAttribute("start_index_map", A.ints([1])),
            NamedAttribute("index_vector_dim", .integer(1)),
          ]), "slice_sizes": A.ints([1, 1]),
      ], "2xf32")
    let zeros = s.op("stablehlo.constant", [], ["value": A.splat(0, "2x3xf32")], "2x3xf32")
    let sc = s.op(
      "stablehlo.scatter", [zeros, idx, g],
      [
        "scatter_dimension_numbers": .structured(
          kind: "scatter",
          fields: [
            NamedAttribute("inserted_window_dims", A.ints([1])),
            NamedAttribute("input_batching_dims", A.ints([0])),
            NamedAttribute("scatter_indices_batching_dims", A.ints([0])),
            NamedAttribute("scatter_dims_to_operand_dims", A.ints([1])),
            NamedAttribute("index_vector_dim", .integer(1)),
          ])
      ], "2x3xf32", regions: [s.combiner("stablehlo.add", "f32")])
    s.returns([g, sc], ["2xf32", "2x3xf32"])
    let (_, out) = try importAndRun(s, [[1, 2, 3, 4, 5, 6], [2, 0]])
    #expect(out[0] == [3, 4])  // row 0 column 2, row 1 column 0
    #expect(out[1] == [0, 0, 3, 4, 0, 0])
  }

  @Test("a gather's index_vector_dim left out is 0")
  func defaultIndexVectorDimension() throws {
    let s = ModuleSketch()
    let x = s.argument("2x3xf32")
    let column = s.argument("1xi32")
    let g = s.op(
      "stablehlo.gather", [x, column],
      [
        "dimension_numbers": .structured(
          kind: "gather",
          fields: [
            NamedAttribute("offset_dims", A.ints([0])),
            NamedAttribute("collapsed_slice_dims", A.ints([1])),
            NamedAttribute("start_index_map", A.ints([1])),
          ]), "slice_sizes": A.ints([2, 1]),
      ], "2xf32")
    s.returns([g], ["2xf32"])
    let (_, out) = try importAndRun(s, [[1, 2, 3, 4, 5, 6], [1]])
    #expect(out[0] == [2, 5])
  }

  @Test("a convolution's layout letters map onto dimension indices")
  func convolution() throws {
    let s = ModuleSketch()
    let x = s.argument("1x3x1xf32")
    let k = s.argument("2x1x1xf32")
    let c = s.op(
      "stablehlo.convolution", [x, k],
      [
        "dimension_numbers": .convolutionLayout(
          input: ["b", "0", "f"], kernel: ["0", "i", "o"], output: ["b", "0", "f"]),
        "window_strides": A.ints([1]), "padding": .array([A.ints([1, 0])]),
        "feature_group_count": .integer(1), "batch_group_count": .integer(1),
      ], "1x3x1xf32")
    s.returns([c], ["1x3x1xf32"])
    let (_, out) = try importAndRun(s, [[1, 2, 3], [10, 1]])
    // Padded input [0, 1, 2, 3]: windows 0·10+1, 1·10+2, 2·10+3.
    #expect(out[0] == [1, 12, 23])
  }

  @Test("integer labels compared with an iota (one-hot) draw values below the iota's length")
  func oneHotLabels() throws {
    let s = ModuleSketch()
    let labels = s.argument("2xi32")
    let spread = s.op(
      "stablehlo.broadcast_in_dim", [labels], ["broadcast_dimensions": A.ints([0])], "2x5xi32")
    let classes = s.op("stablehlo.iota", [], ["iota_dimension": .integer(1)], "2x5xi32")
    let hot = s.op(
      "stablehlo.compare", [spread, classes],
      ["comparison_direction": .enumeration(name: "comparison_direction", value: "EQ")], "2x5xi1")
    s.returns([s.op("stablehlo.convert", [hot], "2x5xf32")], ["2x5xf32"])
    let (model, out) = try importAndRun(s, [[1, 4]])
    #expect(model.graph.inputs[0].initializer == .integers(upperBound: 5))
    #expect(out[0] == [0, 1, 0, 0, 0, 0, 0, 0, 0, 1])
  }
}

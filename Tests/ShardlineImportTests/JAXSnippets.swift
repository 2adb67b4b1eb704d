/// Small StableHLO files printed by JAX 0.10 (`jax.jit(f).lower(…).as_text()`), cut down to a
/// few functions; unused values and results were left as printed.
enum JAXSnippets {
  /// `call`, private functions and `#loc` aliases (`as_text(debug_info=True)`).
  static let callWithDebugInfo = #"""
    #loc = loc(unknown)
    #loc1 = loc("a")
    #loc2 = loc("b")
    module @jit_callf attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
      func.func public @main(%arg0: tensor<3xf32> loc("a"), %arg1: tensor<3xf32> loc("b")) -> (tensor<3xf32> {jax.result_info = "result"}) {
        %0 = call @helper(%arg0, %arg1) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32> loc(#loc23)
        %1 = call @helper(%arg1, %arg0) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32> loc(#loc24)
        %2 = stablehlo.add %0, %1 : tensor<3xf32> loc(#loc25)
        return %2 : tensor<3xf32> loc(#loc19)
      } loc(#loc)
      func.func private @helper(%arg0: tensor<3xf32> loc(unknown), %arg1: tensor<3xf32> loc(unknown)) -> tensor<3xf32> {
        %0 = stablehlo.compare GT, %arg0, %arg1, FLOAT : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1> loc(#loc20)
        %1 = call @_where(%0, %arg0, %arg1) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32> loc(#loc21)
        return %1 : tensor<3xf32> loc(#loc)
      } loc(#loc28)
      func.func private @_where(%arg0: tensor<3xi1> loc(unknown), %arg1: tensor<3xf32> loc(unknown), %arg2: tensor<3xf32> loc(unknown)) -> tensor<3xf32> {
        %0 = stablehlo.select %arg0, %arg1, %arg2 : tensor<3xi1>, tensor<3xf32> loc(#loc9)
        return %0 : tensor<3xf32> loc(#loc)
      } loc(#loc27)
    } loc(#loc)
    #loc3 = loc("/tmp/jaxs/gen.py":55:23 to :34)
    #loc4 = loc("/tmp/jaxs/gen.py":56:13 to :59)
    #loc5 = loc("/tmp/jaxs/gen.py":55:35 to :46)
    #loc6 = loc("/tmp/jaxs/gen.py":55:23 to :46)
    #loc7 = loc("/tmp/jaxs/gen.py":54:34 to :37)
    #loc8 = loc("/tmp/jaxs/gen.py":54:24 to :44)
    #loc9 = loc("select_n")
    #loc10 = loc("callf"(#loc3))
    #loc11 = loc("<module>"(#loc4))
    #loc12 = loc("callf"(#loc5))
    #loc13 = loc("callf"(#loc6))
    #loc14 = loc("helper"(#loc7))
    #loc15 = loc("helper"(#loc8))
    #loc16 = loc(callsite(#loc10 at #loc11))
    #loc17 = loc(callsite(#loc12 at #loc11))
    #loc18 = loc(callsite(#loc13 at #loc11))
    #loc19 = loc("jit(callf)"(#loc11))
    #loc20 = loc("gt"(#loc14))
    #loc21 = loc("jit(_where)"(#loc15))
    #loc22 = loc("jit"(#loc15))
    #loc23 = loc("jit(callf)/jit(helper)"(#loc16))
    #loc24 = loc("jit(callf)/jit(helper)"(#loc17))
    #loc25 = loc("jit(callf)/add"(#loc18))
    #loc26 = loc("jit(callf)/jit"(#loc16))
    #loc27 = loc("jit:"(#loc22))
    #loc28 = loc("jit:"(#loc26))
    """#

  /// An `sdy.mesh`, sharded arguments, `dot_general`, an `applies` reduce, a generic `sort` and `reduce_window`.
  static let shardedSort = #"""
    module @jit_sh attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
      sdy.mesh @mesh = <["x"=2, "y"=4]> {stablehlo.mesh = {axes = [{name = "x", size = 2 : i64}, {name = "y", size = 4 : i64}]}}
      func.func public @main(%arg0: tensor<8x8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{}, {"y"}]>}, %arg1: tensor<8x8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"x"}, {}]>}) -> (tensor<f32> {jax.result_info = "result[0]"}, tensor<8x8xf32> {jax.result_info = "result[1]"}, tensor<8x8xf32> {jax.result_info = "result[2]"}) {
        %0 = stablehlo.dot_general %arg1, %arg0, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
        %1 = call @relu(%0) : (tensor<8x8xf32>) -> tensor<8x8xf32>
        %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
        %2 = stablehlo.reduce(%1 init: %cst) applies stablehlo.add across dimensions = [0, 1] : (tensor<8x8xf32>, tensor<f32>) -> tensor<f32>
        %3 = call @sort(%arg1) : (tensor<8x8xf32>) -> tensor<8x8xf32>
        %4 = call @cumsum(%arg1) : (tensor<8x8xf32>) -> tensor<8x8xf32>
        return %2, %3, %4 : tensor<f32>, tensor<8x8xf32>, tensor<8x8xf32>
      }
      func.func private @sort(%arg0: tensor<8x8xf32>) -> tensor<8x8xf32> {
        %0 = "stablehlo.sort"(%arg0) <{dimension = 1 : i64, is_stable = true}> ({
        ^bb0(%arg1: tensor<f32>, %arg2: tensor<f32>):
          %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
          %1 = stablehlo.compare EQ, %arg1, %cst, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
          %cst_0 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
          %2 = stablehlo.select %1, %cst_0, %arg1 : tensor<i1>, tensor<f32>
          %3 = stablehlo.compare NE, %arg1, %arg1, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
          %cst_1 = stablehlo.constant dense<0x7FC00000> : tensor<f32>
          %4 = stablehlo.select %3, %cst_1, %2 : tensor<i1>, tensor<f32>
          %cst_2 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
          %5 = stablehlo.compare EQ, %arg2, %cst_2, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
          %cst_3 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
          %6 = stablehlo.select %5, %cst_3, %arg2 : tensor<i1>, tensor<f32>
          %7 = stablehlo.compare NE, %arg2, %arg2, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
          %cst_4 = stablehlo.constant dense<0x7FC00000> : tensor<f32>
          %8 = stablehlo.select %7, %cst_4, %6 : tensor<i1>, tensor<f32>
          %9 = stablehlo.compare LT, %4, %8, TOTALORDER : (tensor<f32>, tensor<f32>) -> tensor<i1>
          stablehlo.return %9 : tensor<i1>
        }) : (tensor<8x8xf32>) -> tensor<8x8xf32>
        return %0 : tensor<8x8xf32>
      }
      func.func private @cumsum_0(%arg0: tensor<8x8xf32>) -> tensor<8x8xf32> {
        %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
        %0 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<f32>
        %1 = "stablehlo.reduce_window"(%arg0, %0) <{base_dilations = array<i64: 1, 1>, padding = dense<[[7, 0], [0, 0]]> : tensor<2x2xi64>, window_dilations = array<i64: 1, 1>, window_dimensions = array<i64: 8, 1>, window_strides = array<i64: 1, 1>}> ({
        ^bb0(%arg1: tensor<f32>, %arg2: tensor<f32>):
          %2 = stablehlo.add %arg1, %arg2 : tensor<f32>
          stablehlo.return %2 : tensor<f32>
        }) : (tensor<8x8xf32>, tensor<f32>) -> tensor<8x8xf32>
        return %1 : tensor<8x8xf32>
      }
    }
    """#

  /// `jnp.argmax` (a variadic reduce with a `reducer` body) and the scatter of `jnp.take`'s gradient.
  static let argmaxAndScatter = #"""
    module @jit_f attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
      func.func private @_take_0(%arg0: tensor<3x1xi32>, %arg1: tensor<3x4xf32>) -> tensor<10x4xf32> {
        %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
        %0 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<10x4xf32>
        %1 = "stablehlo.scatter"(%0, %arg0, %arg1) <{indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false}> ({
        ^bb0(%arg2: tensor<f32>, %arg3: tensor<f32>):
          %2 = stablehlo.add %arg2, %arg3 : tensor<f32>
          stablehlo.return %2 : tensor<f32>
        }) : (tensor<10x4xf32>, tensor<3x1xi32>, tensor<3x4xf32>) -> tensor<10x4xf32>
        return %1 : tensor<10x4xf32>
      }
      func.func private @argmax(%arg0: tensor<10x4xf32>) -> tensor<10xi32> {
        %0 = stablehlo.iota dim = 1 : tensor<10x4xi32>
        %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
        %c = stablehlo.constant dense<0> : tensor<i32>
        %1:2 = stablehlo.reduce(%arg0 init: %cst), (%0 init: %c) across dimensions = [1] : (tensor<10x4xf32>, tensor<10x4xi32>, tensor<f32>, tensor<i32>) -> (tensor<10xf32>, tensor<10xi32>)
         reducer(%arg1: tensor<f32>, %arg3: tensor<f32>) (%arg2: tensor<i32>, %arg4: tensor<i32>)  {
          %2 = stablehlo.compare GT, %arg1, %arg3, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
          %3 = stablehlo.compare NE, %arg1, %arg1, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
          %4 = stablehlo.or %2, %3 : tensor<i1>
          %5 = stablehlo.compare EQ, %arg1, %arg3, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
          %6 = stablehlo.compare LT, %arg2, %arg4, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
          %7 = stablehlo.and %5, %6 : tensor<i1>
          %8 = stablehlo.or %4, %7 : tensor<i1>
          %9 = stablehlo.select %4, %arg1, %arg3 : tensor<i1>, tensor<f32>
          %10 = stablehlo.select %8, %arg2, %arg4 : tensor<i1>, tensor<i32>
          stablehlo.return %9, %10 : tensor<f32>, tensor<i32>
        }
        return %1#1 : tensor<10xi32>
      }
    }
    """#

  /// The `stablehlo.while` of `lax.scan`, with multi-result `func.call`s and `%3#1` uses.
  static let scanLoop = #"""
    module @jit_scanmodel attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
      func.func public @main(%arg0: tensor<3x4x4xf32>, %arg1: tensor<2x4xf32>) -> (tensor<3x4x4xf32> {jax.result_info = "result"}) {
        %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
        %0 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<3x2x4xf32>
        %cst_0 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
        %1 = stablehlo.broadcast_in_dim %cst_0, dims = [] : (tensor<f32>) -> tensor<3x2x4xf32>
        %cst_1 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
        %2 = stablehlo.broadcast_in_dim %cst_1, dims = [] : (tensor<f32>) -> tensor<3x2x4xf32>
        %c = stablehlo.constant dense<0> : tensor<i32>
        %3:6 = stablehlo.while(%iterArg = %arg0, %iterArg_5 = %c, %iterArg_6 = %arg1, %iterArg_7 = %0, %iterArg_8 = %1, %iterArg_9 = %2) : tensor<3x4x4xf32>, tensor<i32>, tensor<2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>
        cond {
          %c_10 = stablehlo.constant dense<3> : tensor<i32>
          %7 = stablehlo.compare LT, %iterArg_5, %c_10, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
          stablehlo.return %7 : tensor<i1>
        } do {
          %7 = func.call @dynamic_index_in_dim(%iterArg, %iterArg_5) : (tensor<3x4x4xf32>, tensor<i32>) -> tensor<4x4xf32>
          %8:4 = func.call @closed_call(%iterArg_6, %7) : (tensor<2x4xf32>, tensor<4x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
          %9 = func.call @dynamic_update_index_in_dim(%iterArg_7, %8#1, %iterArg_5) : (tensor<3x2x4xf32>, tensor<2x4xf32>, tensor<i32>) -> tensor<3x2x4xf32>
          %10 = func.call @dynamic_update_index_in_dim(%iterArg_8, %8#2, %iterArg_5) : (tensor<3x2x4xf32>, tensor<2x4xf32>, tensor<i32>) -> tensor<3x2x4xf32>
          %11 = func.call @dynamic_update_index_in_dim(%iterArg_9, %8#3, %iterArg_5) : (tensor<3x2x4xf32>, tensor<2x4xf32>, tensor<i32>) -> tensor<3x2x4xf32>
          %c_10 = stablehlo.constant dense<1> : tensor<i32>
          %12 = stablehlo.add %iterArg_5, %c_10 : tensor<i32>
          stablehlo.return %iterArg, %12, %8#0, %9, %10, %11 : tensor<3x4x4xf32>, tensor<i32>, tensor<2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>
        }
        return %3#2 : tensor<2x4xf32>
      }
    }
    """#

  /// A bf16 convolution, a batch-norm mean, and the max pool's `reduce_window` and `select_and_scatter`.
  static let convolutionStep = #"""
    module @jit_conv attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
      func.func public @main(%arg0: tensor<3x3x2x4xf32>, %arg1: tensor<2x8x8x2xf32>) -> (tensor<3x3x2x4xf32> {jax.result_info = "result"}) {
        %0 = stablehlo.convert %arg1 : (tensor<2x8x8x2xf32>) -> tensor<2x8x8x2xbf16>
        %1 = stablehlo.convert %arg0 : (tensor<3x3x2x4xf32>) -> tensor<3x3x2x4xbf16>
        %2 = stablehlo.convolution(%0, %1) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], lhs_dilate = [1, 1], rhs_dilate = [1, 1], reverse = [false, false]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<2x8x8x2xbf16>, tensor<3x3x2x4xbf16>) -> tensor<2x8x8x4xbf16>
        %3 = stablehlo.convert %2 : (tensor<2x8x8x4xbf16>) -> tensor<2x8x8x4xf32>
        %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
        %4 = stablehlo.reduce(%3 init: %cst) applies stablehlo.add across dimensions = [0, 1, 2] : (tensor<2x8x8x4xf32>, tensor<f32>) -> tensor<4xf32>
        %27 = "stablehlo.reduce_window"(%25, %26) <{base_dilations = array<i64: 1, 1, 1, 1>, padding = dense<0> : tensor<4x2xi64>, window_dilations = array<i64: 1, 1, 1, 1>, window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 1, 1, 1>}> ({
        ^bb0(%arg2: tensor<f32>, %arg3: tensor<f32>):
          %54 = stablehlo.add %arg2, %arg3 : tensor<f32>
          stablehlo.return %54 : tensor<f32>
        }) : (tensor<2x5x5x4xf32>, tensor<f32>) -> tensor<2x4x4x4xf32>
        %29 = "stablehlo.select_and_scatter"(%28, %27, %cst_9) <{padding = dense<0> : tensor<4x2xi64>, window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>}> ({
        ^bb0(%arg2: tensor<f32>, %arg3: tensor<f32>):
          %54 = stablehlo.compare GE, %arg2, %arg3, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
          stablehlo.return %54 : tensor<i1>
        }, {
        ^bb0(%arg2: tensor<f32>, %arg3: tensor<f32>):
          %54 = stablehlo.add %arg2, %arg3 : tensor<f32>
          stablehlo.return %54 : tensor<f32>
        }) : (tensor<2x8x8x4xf32>, tensor<2x4x4x4xf32>, tensor<f32>) -> tensor<2x8x8x4xf32>
        return %29 : tensor<2x8x8x4xf32>
      }
    }
    """#

  /// A sharding constraint, a batched bf16 `dot_general`, a generic gather, a LAPACK `custom_call` and a `chlo` op.
  static let gatherAndCustomCall = #"""
    module @jit_g attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
      sdy.mesh @mesh = <["x"=2, "y"=4]> {stablehlo.mesh = {axes = [{name = "x", size = 2 : i64}, {name = "y", size = 4 : i64}]}}
      func.func public @main(%arg0: tensor<10x4xf32>, %arg2: tensor<4x8xf32>) -> tensor<4x8xf32> {
        %3 = sdy.sharding_constraint %2 <@mesh, [{"x"}, {"y"}]> : tensor<4x4xf32>
        %15 = stablehlo.dot_general %12, %14, batching_dims = [0] x [0], contracting_dims = [2] x [1], precision = [DEFAULT, DEFAULT] : (tensor<2x2x8xbf16>, tensor<2x8x2xbf16>) -> tensor<2x2x2xf32>
        %13 = "stablehlo.gather"(%arg0, %5) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 4>}> : (tensor<10x4xf32>, tensor<3x1xi32>) -> tensor<3x4xf32>
        %4:2 = stablehlo.custom_call @lapack_spotrf_ffi(%3) {backend_config = "", mhlo.backend_config = {uplo = 76 : ui8}, mhlo.frontend_attributes = {num_batch_dims = "0"}, operand_layouts = [dense<[0, 1]> : tensor<2xindex>], output_operand_aliases = [#stablehlo.output_operand_alias<output_tuple_indices = [0], operand_index = 0, operand_tuple_indices = []>], result_layouts = [dense<[0, 1]> : tensor<2xindex>, dense<> : tensor<0xindex>], sdy.sharding_rule = #sdy.op_sharding_rule<([i, j])->([k, l], []) {i=8, j=8, k=8, l=8}, custom>} : (tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<i32>)
        %9 = chlo.erfc %8 : tensor<4x8xf32> -> tensor<4x8xf32>
        return %9 : tensor<4x8xf32>
      }
    }
    """#

  /// Slices, padding, concatenation, `iota`, hex and list constants, `stablehlo.case` and more, from one JAX function.
  static let miscellaneousForms = #"""
    module @jit_misc attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
      func.func public @main(%arg0: tensor<4x4xf32>, %arg1: tensor<i32>) -> tensor<f32> {
        %cst = stablehlo.constant dense<[1.500000e+00, 2.000000e+00, 3.250000e+00]> : tensor<3xf32>
        %c_9 = stablehlo.constant dense<-1> : tensor<i32>
        %cst_10 = stablehlo.constant dense<0xFF80> : tensor<bf16>
        %4 = stablehlo.dynamic_slice %arg0, %3, %c_1, sizes = [2, 4] : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>
        %6 = stablehlo.slice %arg0 [0:4:2, 1:3] : (tensor<4x4xf32>) -> tensor<2x2xf32>
        %8 = stablehlo.concatenate %arg0, %arg0, dim = 0 : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<8x4xf32>
        %17 = stablehlo.iota dim = 0 : tensor<5xi32>
        %27 = stablehlo.optimization_barrier %arg0 : tensor<4x4xf32>
        %1 = chlo.erf_inv %0 : tensor<3xf32> -> tensor<3xf32>
        %1 = stablehlo.pad %arg0, %0, low = [1, 0], high = [2, 1], interior = [0, 0] : (tensor<4x4xf32>, tensor<f32>) -> tensor<7x5xf32>
        %0 = stablehlo.reverse %arg0, dims = [0] : tensor<4x4xf32>
        %19 = stablehlo.bitcast_convert %18 : (tensor<3xui32>) -> tensor<3xf32>
        %11 = "stablehlo.case"(%10) ({
          %cst_13 = stablehlo.constant dense<0xFF800000> : tensor<f32>
          %31 = stablehlo.reduce(%arg0 init: %cst_13) applies stablehlo.maximum across dimensions = [0, 1] : (tensor<4x4xf32>, tensor<f32>) -> tensor<f32>
          stablehlo.return %31 : tensor<f32>
        }, {
          %cst_13 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
          %31 = stablehlo.reduce(%arg0 init: %cst_13) applies stablehlo.add across dimensions = [0, 1] : (tensor<4x4xf32>, tensor<f32>) -> tensor<f32>
          stablehlo.return %31 : tensor<f32>
        }) : (tensor<i32>) -> tensor<f32>
        return %11 : tensor<f32>
      }
    }
    """#

  /// `shard_map` with a `psum`: an `sdy.manual_computation` around a generic `all_reduce`.
  static let shardMap = #"""
    module @jit_f attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
      sdy.mesh @mesh = <["x"=2, "y"=4]> {stablehlo.mesh = {axes = [{name = "x", size = 2 : i64}, {name = "y", size = 4 : i64}]}}
      func.func public @main(%arg0: tensor<8x4xf32>) -> (tensor<4x4xf32> {jax.result_info = "result"}) {
        %0 = sdy.manual_computation(%arg0) in_shardings=[<@mesh, [{"x"}, {}]>] out_shardings=[<@mesh, [{}, {}]>] manual_axes={"x", "y"} (%arg1: tensor<4x4xf32>) {
          %cst = stablehlo.constant dense<2.000000e+00> : tensor<f32>
          %1 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<4x4xf32>
          %2 = stablehlo.multiply %arg1, %1 : tensor<4x4xf32>
          %3 = "stablehlo.all_reduce"(%2) <{channel_handle = #stablehlo.channel_handle<handle = 1, type = 1>, replica_groups = dense<[[0, 4], [1, 5], [2, 6], [3, 7]]> : tensor<4x2xi64>, use_global_device_ids}> ({
          ^bb0(%arg2: tensor<f32>, %arg3: tensor<f32>):
            %4 = stablehlo.add %arg2, %arg3 : tensor<f32>
            stablehlo.return %4 : tensor<f32>
          }) : (tensor<4x4xf32>) -> tensor<4x4xf32>
          sdy.return %3 : tensor<4x4xf32>
        } : (tensor<8x4xf32>) -> tensor<4x4xf32>
        return %0 : tensor<4x4xf32>
      }
    }
    """#

  /// The `rbg` PRNG: an empty mesh and `rng_bit_generator` binding two result groups.
  static let randomBits = #"""
    module @jit_h attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
      sdy.mesh @empty_mesh = <[]> {stablehlo.mesh = {axes = []}}
      func.func public @main(%arg0: tensor<4xui32>) -> (tensor<3xui32> {jax.result_info = "result"}) {
        %0 = sdy.sharding_constraint %arg0 <@empty_mesh, [{}]> : tensor<4xui32>
        %1 = stablehlo.reshape %0 : (tensor<4xui32>) -> tensor<2x2xui32>
        %2 = stablehlo.bitcast_convert %1 : (tensor<2x2xui32>) -> tensor<2xui64>
        %output_state, %output = stablehlo.rng_bit_generator %2, algorithm = DEFAULT : (tensor<2xui64>) -> (tensor<2xui64>, tensor<3xui32>)
        %3 = stablehlo.bitcast_convert %output_state : (tensor<2xui64>) -> tensor<2x2xui32>
        %4 = stablehlo.reshape %3 : (tensor<2x2xui32>) -> tensor<4xui32>
        return %output : tensor<3xui32>
      }
    }
    """#
}

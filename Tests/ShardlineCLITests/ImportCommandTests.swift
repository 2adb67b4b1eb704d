import Foundation
import ShardlineTestSupport
import Testing

/// `shardline import` and `.mlir` models through the binary, as a person runs them.
@Suite("shardline import")
struct ImportCommandTests {
  private let mlp = SampleFiles.path("jax/fixtures/mlp.mlir")

  @Test("the summary lists arguments and results with their roles")
  func summary() throws {
    let result = try ShardlineBinary.run(["import", mlp, "--summary"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("params.w1  f32[16,32]  parameter"), "\(result.output)")
    #expect(result.output.contains("y          i32[8]      batch"), "\(result.output)")
    #expect(result.output.contains("loss"))
    #expect(result.output.contains("new value of params.w3"))
    #expect(result.output.contains("forward: "))
  }

  @Test("--reference checks the import against JAX's outputs")
  func reference() throws {
    let result = try ShardlineBinary.run([
      "import", mlp, "--reference", SampleFiles.path("jax/fixtures/mlp.reference.json"),
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("7 outputs match JAX's within 1e-04"), "\(result.output)")
  }

  /// The conv net's step fills with −∞ (max pooling's identity); graph JSON used to refuse it.
  @Test("-o writes graph JSON that reads back, non-finite constants included")
  func writesGraphJSON() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-convnet-\(UUID().uuidString).json").path
    let written = try ShardlineBinary.run([
      "import", SampleFiles.path("jax/fixtures/convnet.mlir"), "-o", path,
    ])
    #expect(written.status == 0, "\(written.error)")
    let inspected = try ShardlineBinary.run(["inspect", "--model", path])
    #expect(inspected.status == 0, "\(inspected.error)")
  }

  @Test("an impossible tolerance fails with one line naming the output")
  func referenceMismatch() throws {
    let result = try ShardlineBinary.run([
      "import", mlp, "--reference", SampleFiles.path("jax/fixtures/mlp.reference.json"),
      "--tolerance", "0",
    ])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains("differs from JAX's"), "\(result.error)")
  }

  @Test("a broken file ends with one error line naming the file, line, column and op")
  func brokenFile() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("sorted.mlir").path
    let text = """
      func.func public @main(%arg0: tensor<4xf32>) -> (tensor<4xf32>) {
        %0 = "stablehlo.sort"(%arg0) ({
        ^bb0(%a: tensor<f32>, %b: tensor<f32>):
          %1 = stablehlo.compare LT, %a, %b : (tensor<f32>, tensor<f32>) -> tensor<i1>
          stablehlo.return %1 : tensor<i1>
        }) {dimension = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>
        return %0 : tensor<4xf32>
      }
      """
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let result = try ShardlineBinary.run(["import", path])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains("sorted.mlir: line 2:"), "\(result.error)")
    #expect(result.error.contains("stablehlo.sort"), "\(result.error)")
  }

  @Test("--model takes a .mlir file: inspect reads the imported step")
  func modelFlag() throws {
    let result = try ShardlineBinary.run(["inspect", "--model", mlp])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("mlp — graph file"), "\(result.output)")
    #expect(result.output.contains("parameters  1.21 K"), "\(result.output)")
  }

  @Test("--batch-args overrides the inferred roles; a bad index is one error line")
  func roleFlags() throws {
    let result = try ShardlineBinary.run(["import", mlp, "--summary", "--batch-args", "x"])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains("--batch-args"), "\(result.error)")
  }

  @Test("an imported step plans on the cpu cluster and runs there, verified, with --model")
  func planAndRun() throws {
    let gpt = SampleFiles.path("jax/fixtures/gpt.mlir")
    let plan = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-import-plan-\(UUID().uuidString).json").path
    let planned = try ShardlineBinary.run([
      "plan", "--model", gpt, "--cluster", "cpu", "--no-cache", "-o", plan,
    ])
    #expect(planned.status == 0, "\(planned.error)")
    let run = try ShardlineBinary.run(["run", plan, "--model", gpt, "--steps", "2", "--verify"])
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.contains("verify: the loss and 73 updated tensors match"), "\(run.output)")
    let roles = try ShardlineBinary.run([
      "run", plan, "--model", gpt, "--batch-args", "73,74", "--steps", "1",
    ])
    #expect(roles.status == 0, "the role flags reach the import: \(roles.error)")
    let badRoles = try ShardlineBinary.run(["run", plan, "--model", gpt, "--batch-args", "x"])
    #expect(badRoles.status != 0 && badRoles.error.contains("--batch-args"), "\(badRoles.error)")
    let missing = try ShardlineBinary.run(["run", plan])
    #expect(missing.status != 0 && missing.errorLines.count == 1, "\(missing.error)")
    #expect(missing.error.contains("give it with --model"), "\(missing.error)")
  }
}

import ShardlineInterpreter
import Testing

@Suite("DotBenchmark")
struct DotBenchmarkTests {
  @Test("measures positive rates for both the interpreter and sgemm")
  func measures() {
    let result = DotBenchmark.measure(m: 32, n: 16, k: 8, repeats: 2)
    #expect(result.flops == 2 * 32 * 16 * 8)
    #expect(result.interpreterFlopsPerSecond > 0 && result.sgemmFlopsPerSecond > 0)
    #expect(result.efficiency > 0)
  }
}

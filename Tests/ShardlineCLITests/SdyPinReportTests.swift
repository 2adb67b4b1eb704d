import Testing

@testable import ShardlineCLI

@Suite("sdy.sharding pin report")
struct SdyPinReportTests {
  @Test("one line: the pinned count, then the skipped ones with their distinct reasons")
  func lines() {
    #expect(
      SdyPinReport(total: 8, pinned: 8).description == "8 of 8 sdy.sharding annotations pinned")
    #expect(
      SdyPinReport(
        total: 3, pinned: 1, skipped: ["stage 0's mesh is 1×8", "stage 0's mesh is 1×8"]
      )
      .description == "1 of 3 sdy.sharding annotations pinned; 2 skipped: stage 0's mesh is 1×8")
    #expect(
      SdyPinReport(total: 3, pinned: 0, skipped: ["a", "overridden by --pin", "a"]).description
        == "0 of 3 sdy.sharding annotations pinned; 3 skipped: a (2); overridden by --pin (1)")
    #expect(
      SdyPinReport(total: 1, pinned: 1).description == "1 of 1 sdy.sharding annotation pinned")
  }
}

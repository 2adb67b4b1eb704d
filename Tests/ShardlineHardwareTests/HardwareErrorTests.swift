import ShardlineHardware
import Testing

@Suite("HardwareError")
struct HardwareErrorTests {
  @Test("each error reads as one line naming what is at fault")
  func descriptions() {
    let cases: [(HardwareError, String)] = [
      (
        .unknownPreset(name: "tpu", known: ["cpu", "h200"]),
        "unknown cluster preset 'tpu' (known: cpu, h200)"
      ),
      (
        .invalidHostCount(spec: "p3.16xlarge:0", hosts: "0"),
        "bad host count '0' in cluster spec 'p3.16xlarge:0': expected a whole number of at least 1"
      ),
      (
        .unreadableFile(path: "c.json", reason: "no such file"),
        "cannot read cluster file 'c.json': no such file"
      ),
      (
        .malformedFile(path: "c.json", reason: "missing key 'host'"),
        "malformed cluster file 'c.json': missing key 'host'"
      ),
      (
        .invalidValue(field: "hostCount", value: "0", requirement: "must be at least 1"),
        "invalid cluster: hostCount is 0 but must be at least 1"
      ),
    ]
    for (error, line) in cases {
      #expect(error.description == line)
      #expect(!error.description.contains("\n"))
    }
  }
}

import ArgumentParser

/// The `--ignore-sdy-shardings` flag of the commands that read a StableHLO step's
/// `sdy.sharding` annotations as pins.
struct SdyShardingFlags: ParsableArguments {
  @Flag(
    name: .customLong("ignore-sdy-shardings"),
    help: "Do not pin the sdy.sharding annotations of a StableHLO step's arguments.")
  var ignore = false
}

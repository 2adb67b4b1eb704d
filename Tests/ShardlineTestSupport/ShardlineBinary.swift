import Foundation

/// Runs the built `shardline` executable, as a user would, and captures what it prints.
public enum ShardlineBinary {
  /// What one run printed and how it ended.
  public struct Result: Sendable {
    /// Standard output.
    public var output: String
    /// Standard error.
    public var error: String
    /// Exit status.
    public var status: Int32

    /// The non-empty lines of standard error.
    public var errorLines: [Substring] { error.split(separator: "\n") }
  }

  /// The executable next to the test bundle (`swift build --build-tests` builds both).
  public static var url: URL {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return bundle.appendingPathComponent("shardline")
  }

  /// Runs `shardline` with `arguments` and waits for it.
  ///
  /// - Parameters:
  ///   - arguments: The command line after the executable's name.
  ///   - environment: Variables to set on top of this process's environment.
  public static func run(_ arguments: [String], environment: [String: String] = [:]) throws
    -> Result
  {
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      output: String(decoding: outputData, as: UTF8.self),
      error: String(decoding: errorData, as: UTF8.self), status: process.terminationStatus)
  }
}

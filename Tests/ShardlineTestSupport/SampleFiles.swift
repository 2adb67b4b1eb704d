import Foundation

/// Files under the repository's `Samples/` folder, for tests that read the shipped samples.
public enum SampleFiles {
  /// The absolute path of `Samples/<relativePath>`.
  public static func path(_ relativePath: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Samples").appendingPathComponent(relativePath)
      .standardized.path
  }

  /// The contents of `Samples/<relativePath>`.
  public static func data(_ relativePath: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path(relativePath)))
  }
}

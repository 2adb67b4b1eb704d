import ArgumentParser

/// A user-facing failure: one line saying what is wrong and where, then a non-zero exit.
///
/// Every error a user can cause is turned into one of these at the command boundary, so the CLI
/// never shows a stack trace or a Swift type name.
struct CLIError: Error, CustomStringConvertible {
  /// The line printed after `Error: `.
  let description: String

  init(_ description: String) { self.description = description }
}

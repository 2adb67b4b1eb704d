/// Reads the StableHLO text that JAX prints (`jax.jit(f).lower(…).as_text()`, with or without
/// `debug_info=True`) into a ``Module``.
///
/// Every op comes out in generic form: pretty syntax such as `dims = [1, 0]` or
/// `applies stablehlo.add across dimensions = [0]` is turned into the attributes and regions the
/// generic form would carry.
public enum StableHLOParser {
  /// Parses a whole file (`module … { func.func … }`), resolving `#locN = loc(...)` aliases at
  /// the end of the file.
  ///
  /// - Parameter text: The file's text.
  /// - Returns: The module, its ops' and arguments' debug names taken from their locations.
  /// - Throws: ``ImportError`` at the first malformed or unsupported token.
  /// - Complexity: O(*n*) in the length of `text`.
  public static func parse(_ text: String) throws(ImportError) -> Module {
    var parser = try Parser(text)
    return try parser.parseFile()
  }
}

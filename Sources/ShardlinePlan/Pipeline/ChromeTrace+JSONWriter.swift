/// Appends JSON text to a byte buffer.
///
/// ``ChromeTrace`` writes by hand rather than with `JSONEncoder`, which takes seconds for the few
/// hundred thousand events of a large pipeline and whose key order only `.sortedKeys` fixes.
extension ChromeTrace {
  /// A growing UTF-8 buffer with JSON-aware appends.
  struct JSONWriter {
    /// The UTF-8 text written so far.
    private(set) var bytes: [UInt8] = []

    /// Reserves room for `count` bytes.
    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    /// Appends `text` as it is; it must already be valid JSON text in context.
    mutating func raw(_ text: StaticString) {
      text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `value` as a JSON string literal: quotes, backslashes and control characters are
    /// escaped, everything else is copied as UTF-8.
    mutating func string(_ value: String) {
      bytes.append(UInt8(ascii: "\""))
      for byte in value.utf8 {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
          bytes.append(UInt8(ascii: "\\"))
          bytes.append(byte)
        case 0..<0x20:
          bytes.append(contentsOf: "\\u00".utf8)
          bytes.append(Self.hexDigit(byte >> 4))
          bytes.append(Self.hexDigit(byte & 0xf))
        default:
          bytes.append(byte)
        }
      }
      bytes.append(UInt8(ascii: "\""))
    }

    /// The lowercase hexadecimal digit of `nibble` (0–15).
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
      nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// Appends a whole number.
    mutating func integer<Value: BinaryInteger>(_ value: Value) {
      bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends a time of `nanoseconds` in microseconds as an exact decimal (`4500`,
    /// `1234.567`), so that float noise such as `4500.000000000001` never shows.
    mutating func microseconds(nanoseconds: Int) {
      if nanoseconds < 0 { bytes.append(UInt8(ascii: "-")) }
      integer(nanoseconds.magnitude / 1000)
      var fraction = Int(nanoseconds.magnitude % 1000)
      guard fraction != 0 else { return }
      bytes.append(UInt8(ascii: "."))
      var digits = 3
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      let text = String(fraction)
      bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits - text.utf8.count))
      bytes.append(contentsOf: text.utf8)
    }

    /// `seconds` rounded to whole nanoseconds, clamped to ±9·10¹⁸ (centuries).
    static func nanoseconds(_ seconds: Double) -> Int {
      Int(min(max((seconds * 1e9).rounded(), -9e18), 9e18))
    }
  }
}

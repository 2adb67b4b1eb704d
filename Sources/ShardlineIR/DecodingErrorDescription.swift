import Foundation

/// Turns a `DecodingError` into one line naming the JSON path at fault (`graph.nodes[3].op:
/// missing key 'kind'`), for every versioned file format of Shardline.
public enum DecodingErrorDescription {
  /// `path: problem`.
  public static func describe(_ error: DecodingError) -> String {
    switch error {
    case .keyNotFound(let key, let context):
      return "\(path(context.codingPath)): missing key '\(key.stringValue)'"
    case .typeMismatch(let type, let context):
      return "\(path(context.codingPath)): expected \(type)"
    case .valueNotFound(let type, let context):
      return "\(path(context.codingPath)): expected \(type), found null"
    case .dataCorrupted(let context):
      let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"]
      let detail = underlying.map { "\($0)" } ?? context.debugDescription
      return "\(path(context.codingPath)): \(detail)"
    @unknown default:
      return "\(error)"
    }
  }

  private static func path(_ codingPath: [any CodingKey]) -> String {
    var path = ""
    for key in codingPath {
      if let index = key.intValue {
        path += "[\(index)]"
      } else {
        path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
      }
    }
    return path.isEmpty ? "top level" : path
  }
}

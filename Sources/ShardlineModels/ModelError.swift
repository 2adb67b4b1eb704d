/// An error a user can cause when choosing or configuring a model.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No preset has the given name; `known` lists every preset name.
  case unknownPreset(name: String, known: [String])
  /// A configuration's sizes are impossible (a zero size, heads that do not divide hidden, …).
  case invalidConfiguration(model: String, reason: String)
  /// An override was given for a model family it does not apply to (experts on GPT).
  case inapplicableOverride(option: String, family: ModelFamily)

  /// One line naming what is wrong.
  public var description: String {
    switch self {
    case .unknownPreset(let name, let known):
      "unknown model '\(name)' (known: \(known.joined(separator: ", ")))"
    case .invalidConfiguration(let model, let reason):
      "invalid \(model) configuration: \(reason)"
    case .inapplicableOverride(let option, let family):
      "'\(option)' does not apply to \(family.displayName) models"
    }
  }
}

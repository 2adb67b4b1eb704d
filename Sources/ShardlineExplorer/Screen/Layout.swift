/// Splits a rectangle into rows or columns by constraints, so that views never place anything
/// at literal coordinates (ratatui's `Layout`).
public struct Layout: Sendable {
  /// How much of the split axis one part takes.
  public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells (less when the area is too small).
    case length(Int)
    /// This percentage of the area.
    case percentage(Int)
    /// A share of what the fixed parts leave, by weight.
    case fill(Int)
  }

  /// The direction parts are laid out in.
  public enum Direction: Sendable {
    case vertical, horizontal
  }

  /// The direction.
  public var direction: Direction
  /// One constraint per part.
  public var constraints: [Constraint]
  /// Cells left empty between neighbouring parts.
  public var spacing: Int

  /// Parts stacked top to bottom.
  public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
    Layout(direction: .vertical, constraints: constraints, spacing: spacing)
  }

  /// Parts side by side, left to right.
  public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
    Layout(direction: .horizontal, constraints: constraints, spacing: spacing)
  }

  /// The parts of `area`, one per constraint, in order. Fixed lengths and percentages are
  /// served first, in order, until the area runs out; fills share what is left by weight, the
  /// remainder going to the last fill.
  public func split(_ area: Rect) -> [Rect] {
    let total = direction == .vertical ? area.height : area.width
    var available = max(total - spacing * max(constraints.count - 1, 0), 0)
    var sizes = Array(repeating: 0, count: constraints.count)
    for (index, constraint) in constraints.enumerated() {
      let wanted: Int
      switch constraint {
      case .length(let length): wanted = length
      case .percentage(let percent): wanted = total * percent / 100
      case .fill: continue
      }
      sizes[index] = min(max(wanted, 0), available)
      available -= sizes[index]
    }
    let weights = constraints.map { if case .fill(let weight) = $0 { max(weight, 0) } else { 0 } }
    let totalWeight = weights.reduce(0, +)
    if totalWeight > 0 {
      var left = available
      let lastFill = weights.lastIndex { $0 > 0 }
      for index in weights.indices where weights[index] > 0 {
        sizes[index] = index == lastFill ? left : available * weights[index] / totalWeight
        left -= sizes[index]
      }
    }
    var position = direction == .vertical ? area.y : area.x
    return sizes.map { size in
      defer { position += size + spacing }
      return direction == .vertical
        ? Rect(x: area.x, y: position, width: area.width, height: size)
        : Rect(x: position, y: area.y, width: size, height: area.height)
    }
  }
}

/// The explorer's styles by meaning, in colour or in monochrome.
///
/// Views ask for `theme.error`, never for red: a monochrome theme keeps only attributes (bold,
/// reverse, underline), so everything stays readable without colour.
public struct Theme: Sendable {
  /// Whether colours are dropped.
  public var monochrome: Bool

  /// The theme for `state`.
  public init(monochrome: Bool) { self.monochrome = monochrome }

  private func style(_ style: CellStyle) -> CellStyle { monochrome ? style.monochrome : style }

  /// Titles and headings.
  public var title: CellStyle { style(CellStyle(foreground: .cyan, bold: true)) }
  /// Table column headers.
  public var header: CellStyle { style(CellStyle(bold: true, underline: true)) }
  /// The row or cell under the cursor.
  public var selection: CellStyle { CellStyle(reverse: true) }
  /// A pane that has the keys: its border.
  public var focusedBorder: CellStyle { style(CellStyle(foreground: .cyan, bold: true)) }
  /// A pane without the keys: its border.
  public var border: CellStyle { style(CellStyle(dim: true)) }
  /// What makes a plan invalid.
  public var error: CellStyle { style(CellStyle(foreground: .red, bold: true)) }
  /// A figure that got worse.
  public var worse: CellStyle { style(CellStyle(foreground: .red, underline: true)) }
  /// A figure that got better.
  public var better: CellStyle { style(CellStyle(foreground: .green, bold: true)) }
  /// Secondary text.
  public var muted: CellStyle { style(CellStyle(dim: true)) }
  /// Pinned ops and other marks.
  public var accent: CellStyle { style(CellStyle(foreground: .yellow, bold: true)) }
  /// Idle time in the timeline.
  public var bubble: CellStyle { style(CellStyle(dim: true)) }

  /// The colour of stage `stage`, shared by its bars, devices and timeline tasks.
  public func stage(_ stage: Int) -> CellStyle {
    let colors: [TerminalColor] = [.blue, .green, .magenta, .cyan, .yellow, .red]
    return style(CellStyle(foreground: colors[stage % colors.count]))
  }

  /// Stage `stage`'s colour as a background (mesh map cells), with readable text.
  public func stageFill(_ stage: Int) -> CellStyle {
    let colors: [TerminalColor] = [.blue, .green, .magenta, .cyan, .yellow, .red]
    return monochrome
      ? CellStyle(reverse: stage % 2 == 0)
      : CellStyle(foreground: .black, background: colors[stage % colors.count])
  }
}

/// The size of a MIP formulation, for messages like "ILP: N variables, M constraints".
public struct FormulationSize: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Columns, integer and continuous.
  public var variables: Int
  /// Rows.
  public var constraints: Int
  /// Nonzero coefficients of the constraint matrix.
  public var nonzeros: Int

  /// Creates a size.
  public init(variables: Int, constraints: Int, nonzeros: Int) {
    self.variables = variables
    self.constraints = constraints
    self.nonzeros = nonzeros
  }

  /// An empty formulation: nothing was sent to a backend.
  public static let empty = FormulationSize(variables: 0, constraints: 0, nonzeros: 0)

  /// `120 variables, 48 constraints, 310 nonzeros`.
  public var description: String {
    "\(variables) variables, \(constraints) constraints, \(nonzeros) nonzeros"
  }
}

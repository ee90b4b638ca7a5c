/// Whether the objective is to be made as small or as large as possible.
public enum ObjectiveSense: Sendable, Hashable {
    case minimize
    case maximize
}

/// The values a column (variable) may take.
public enum VariableKind: Sendable, Hashable {
    case continuous
    /// Any integer within the column's bounds.
    case integer
    /// An integer within the column's bounds, which must lie inside [0, 1].
    case binary
}

/// A mixed-integer linear program as plain data, independent of any solver.
///
/// Columns are the variables, rows the linear constraints `lower <= sum(a_ij * x_j) <= upper`.
/// Indices are 0-based and returned by ``addColumn(name:lower:upper:kind:objective:)`` and
/// ``addRow(name:terms:lower:upper:)``. The matrix is stored row by row in flat arrays
/// (compressed sparse rows), so a program with millions of nonzeros costs a few arrays, not
/// millions of objects.
///
/// Building never traps and never rejects: a NaN, an index out of range or a crossed bound is
/// stored as given and reported by ``validationErrors(limit:)``, which every solver runs first.
///
/// An infinite bound means "no bound": `-.infinity` as a lower bound, `+.infinity` as an upper
/// bound. A row with `lower == upper` is an equality, one with both bounds infinite is free.
public struct LinearProgram: Sendable {
    /// The program's name, written into exported files; may be empty.
    public var name: String
    public var sense: ObjectiveSense
    /// A constant added to the objective.
    public var objectiveConstant: Double
    /// The objective's name in exported files; empty lets the writer choose one.
    public var objectiveName: String

    public private(set) var columnNames: [String] = []
    public private(set) var columnLowerBounds: [Double] = []
    public private(set) var columnUpperBounds: [Double] = []
    public private(set) var columnKinds: [VariableKind] = []
    public private(set) var objectiveCoefficients: [Double] = []

    public private(set) var rowNames: [String] = []
    public private(set) var rowLowerBounds: [Double] = []
    public private(set) var rowUpperBounds: [Double] = []
    /// Row `i`'s terms are the entries `rowStarts[i] ..< rowStarts[i + 1]` of
    /// ``entryColumns`` and ``entryCoefficients``; `rowStarts.count == rowCount + 1`.
    public private(set) var rowStarts: [Int] = [0]
    public private(set) var entryColumns: [Int] = []
    public private(set) var entryCoefficients: [Double] = []

    public init(
        name: String = "",
        sense: ObjectiveSense = .minimize,
        objectiveConstant: Double = 0,
        objectiveName: String = ""
    ) {
        self.name = name
        self.sense = sense
        self.objectiveConstant = objectiveConstant
        self.objectiveName = objectiveName
    }

    public var columnCount: Int { columnKinds.count }
    public var rowCount: Int { rowLowerBounds.count }
    public var nonzeroCount: Int { entryColumns.count }

    /// Whether any column must take integer values.
    public var hasIntegerColumns: Bool { columnKinds.contains { $0 != .continuous } }

    /// Reserves storage ahead of a bulk build, to avoid repeated reallocation.
    public mutating func reserveCapacity(columns: Int, rows: Int, nonzeros: Int) {
        columnNames.reserveCapacity(columns)
        columnLowerBounds.reserveCapacity(columns)
        columnUpperBounds.reserveCapacity(columns)
        columnKinds.reserveCapacity(columns)
        objectiveCoefficients.reserveCapacity(columns)
        rowNames.reserveCapacity(rows)
        rowLowerBounds.reserveCapacity(rows)
        rowUpperBounds.reserveCapacity(rows)
        rowStarts.reserveCapacity(rows + 1)
        entryColumns.reserveCapacity(nonzeros)
        entryCoefficients.reserveCapacity(nonzeros)
    }

    /// Adds a column and returns its index.
    ///
    /// The default bounds are `[0, +inf)`, or `[0, 1]` for a binary column.
    @discardableResult
    public mutating func addColumn(
        name: String = "",
        lower: Double = 0,
        upper: Double? = nil,
        kind: VariableKind = .continuous,
        objective: Double = 0
    ) -> Int {
        columnNames.append(name)
        columnLowerBounds.append(lower)
        columnUpperBounds.append(upper ?? (kind == .binary ? 1 : .infinity))
        columnKinds.append(kind)
        objectiveCoefficients.append(objective)
        return columnKinds.count - 1
    }

    /// Adds the row `lower <= sum(coefficient * x[column]) <= upper` and returns its index.
    @discardableResult
    public mutating func addRow(
        name: String = "",
        terms: [(column: Int, coefficient: Double)],
        lower: Double = -.infinity,
        upper: Double = .infinity
    ) -> Int {
        for term in terms {
            entryColumns.append(term.column)
            entryCoefficients.append(term.coefficient)
        }
        return appendRow(name: name, lower: lower, upper: upper)
    }

    /// Adds a row from parallel arrays of column indices and coefficients, which must have
    /// the same length (extra elements of the longer one are ignored).
    @discardableResult
    public mutating func addRow(
        name: String = "",
        columns: [Int],
        coefficients: [Double],
        lower: Double = -.infinity,
        upper: Double = .infinity
    ) -> Int {
        let count = min(columns.count, coefficients.count)
        entryColumns.append(contentsOf: columns.prefix(count))
        entryCoefficients.append(contentsOf: coefficients.prefix(count))
        return appendRow(name: name, lower: lower, upper: upper)
    }

    private mutating func appendRow(name: String, lower: Double, upper: Double) -> Int {
        rowNames.append(name)
        rowLowerBounds.append(lower)
        rowUpperBounds.append(upper)
        rowStarts.append(entryColumns.count)
        return rowLowerBounds.count - 1
    }

    /// The entry range of row `row` in ``entryColumns`` and ``entryCoefficients``.
    public func entryRange(ofRow row: Int) -> Range<Int> {
        rowStarts[row] ..< rowStarts[row + 1]
    }

    /// The terms of row `row`.
    public func terms(ofRow row: Int) -> [(column: Int, coefficient: Double)] {
        entryRange(ofRow: row).map { (column: entryColumns[$0], coefficient: entryCoefficients[$0]) }
    }

    public mutating func setObjectiveCoefficient(_ coefficient: Double, ofColumn column: Int) {
        objectiveCoefficients[column] = coefficient
    }

    public mutating func setBounds(ofColumn column: Int, lower: Double, upper: Double) {
        columnLowerBounds[column] = lower
        columnUpperBounds[column] = upper
    }

    public mutating func setKind(_ kind: VariableKind, ofColumn column: Int) {
        columnKinds[column] = kind
    }

    public mutating func setBounds(ofRow row: Int, lower: Double, upper: Double) {
        rowLowerBounds[row] = lower
        rowUpperBounds[row] = upper
    }

    /// The objective's value at `values` (one value per column), constant included.
    public func objectiveValue(at values: [Double]) -> Double {
        var total = objectiveConstant
        for (coefficient, value) in zip(objectiveCoefficients, values) {
            total += coefficient * value
        }
        return total
    }

    /// Each row's activity `sum(a_ij * x_j)` at `values`; entries with a column index out of
    /// range are skipped.
    public func rowActivities(at values: [Double]) -> [Double] {
        var activities = [Double](repeating: 0, count: rowCount)
        for row in 0 ..< rowCount {
            var total = 0.0
            for entry in entryRange(ofRow: row) {
                let column = entryColumns[entry]
                if column >= 0 && column < values.count {
                    total += entryCoefficients[entry] * values[column]
                }
            }
            activities[row] = total
        }
        return activities
    }
}

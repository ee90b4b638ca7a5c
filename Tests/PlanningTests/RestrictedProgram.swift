import LinearProgramming

/// A program with some of its columns fixed and taken out: what is left is a smaller program over
/// the other columns, whose rows carry the fixed columns' part in their bounds. A point of the
/// small program, expanded with the fixed values, is a point of the whole one with the same
/// objective (the fixed part is the small program's objective constant).
struct RestrictedProgram: Sendable {
    let program: LinearProgram
    /// The whole program's column of each column of the small one.
    let columns: [Int]
    /// The whole program's values with every fixed column set (the others 0).
    private let fixedValues: [Double]
    private let positions: [Int: Int]

    /// Nil when the fixed columns alone break a row (then no point of the whole program has them).
    init?(_ whole: LinearProgram, fixing fixed: [Int: Double]) {
        var values = Array(repeating: 0.0, count: whole.columnCount)
        for (column, value) in fixed { values[column] = value }
        var columns: [Int] = []
        var position = [Int: Int]()
        var small = LinearProgram(name: whole.name, sense: whole.sense, objectiveName: whole.objectiveName)
        var constant = whole.objectiveConstant
        for column in 0..<whole.columnCount {
            if let value = fixed[column] {
                constant += whole.objectiveCoefficients[column] * value
                continue
            }
            position[column] = columns.count
            columns.append(column)
            small.addColumn(
                name: whole.columnNames[column], lower: whole.columnLowerBounds[column], upper: whole.columnUpperBounds[column],
                kind: whole.columnKinds[column], objective: whole.objectiveCoefficients[column])
        }
        small.objectiveConstant = constant
        for row in 0..<whole.rowCount {
            var shift = 0.0
            var terms: [(column: Int, coefficient: Double)] = []
            for entry in whole.entryRange(ofRow: row) {
                let column = whole.entryColumns[entry]
                if let p = position[column] {
                    terms.append((p, whole.entryCoefficients[entry]))
                } else {
                    shift += whole.entryCoefficients[entry] * values[column]
                }
            }
            let lower = whole.rowLowerBounds[row] - shift
            let upper = whole.rowUpperBounds[row] - shift
            if terms.isEmpty {
                if lower > 1e-9 || upper < -1e-9 { return nil }
                continue
            }
            small.addRow(name: whole.rowNames[row], terms: terms, lower: lower, upper: upper)
        }
        program = small
        self.columns = columns
        fixedValues = values
        positions = position
    }

    /// The whole program's point for a point of the small one.
    func expand(_ values: [Double]) -> [Double] {
        var whole = fixedValues
        for (p, column) in columns.enumerated() { whole[column] = values[p] }
        return whole
    }

    /// The small program's point for a point of the whole one (its free columns).
    func restrict(_ values: [Double]) -> [Double] {
        columns.map { values[$0] }
    }

    /// The small program's columns among `columns` of the whole one.
    func restrict(_ columns: Set<Int>) -> Set<Int> {
        Set(columns.compactMap { positions[$0] })
    }
}

extension LinearProgram {
    /// The longest name, in UTF-8 bytes, that every supported solver accepts (GLPK: 255).
    public static let maximumNameLength = 255

    /// Everything wrong with the program, at most `limit` problems, in the order found.
    ///
    /// An empty result means a solver can load the program as it is: every number is a number,
    /// every bound pair is ordered, every index exists and no row names a column twice.
    /// Runs in time linear in the size of the program.
    public func validationErrors(limit: Int = 100) -> [ModelError] {
        var errors = ErrorList(limit: limit)
        checkProgramNames(into: &errors)
        checkColumns(into: &errors)
        checkRows(into: &errors)
        checkEntries(into: &errors)
        return errors.items
    }

    /// Whether `name` is kept verbatim by CPLEX LP and free MPS writers: 1 to 255 bytes of
    /// ASCII letters, digits and `!"#$%&()/,.;?@_`'{}|~`, not starting with a digit or a period.
    /// Other names are still valid, but writers may replace them with generated ones.
    public static func isPortableName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maximumNameLength else { return false }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        if isDigit(first) || first == UInt8(ascii: ".") { return false }
        let symbols = Set("!\"#$%&()/,.;?@_`'{}|~".utf8)
        return bytes.allSatisfy { b in
            isDigit(b) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || symbols.contains(b)
        }
    }

    /// Why `name` cannot be given to a solver, or nil when it can.
    static func nameProblem(_ name: String) -> String? {
        if name.utf8.count > maximumNameLength {
            return "is \(name.utf8.count) bytes long; names may have at most \(maximumNameLength)"
        }
        // Printable ASCII without blanks, the names the planner makes: no scalar to look up.
        if name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return nil }
        // GLPK aborts on control characters; LP and MPS files separate fields with blanks.
        if name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            return "contains whitespace or a control character"
        }
        return nil
    }

    func columnLabel(_ column: Int) -> String {
        let name = columnNames[column]
        return name.isEmpty || Self.nameProblem(name) != nil ? "Column \(column)" : "Column \(column) (\(name))"
    }

    func rowLabel(_ row: Int) -> String {
        let name = rowNames[row]
        return name.isEmpty || Self.nameProblem(name) != nil ? "Row \(row)" : "Row \(row) (\(name))"
    }

    private func checkProgramNames(into errors: inout ErrorList) {
        if let problem = Self.nameProblem(name) {
            errors.add(.invalidName, "The program's name \(problem).")
        }
        if let problem = Self.nameProblem(objectiveName) {
            errors.add(.invalidName, "The objective's name \(problem).")
        }
        if objectiveConstant.isNaN || objectiveConstant.isInfinite {
            errors.add(.nonFiniteNumber, "The objective constant is \(objectiveConstant); it must be a finite number.")
        }
    }

    private func checkColumns(into errors: inout ErrorList) {
        for column in 0 ..< columnCount where !errors.isFull {
            if let problem = Self.nameProblem(columnNames[column]) {
                errors.add(.invalidName, "Column \(column)'s name \(problem).", column: column)
            }
            let objective = objectiveCoefficients[column]
            if objective.isNaN || objective.isInfinite {
                errors.add(.nonFiniteNumber, "\(columnLabel(column)) has objective coefficient \(objective); it must be a finite number.", column: column)
            }
            let lower = columnLowerBounds[column], upper = columnUpperBounds[column]
            if let problem = Self.boundsProblem(lower: lower, upper: upper) {
                errors.add(problem.code, "\(columnLabel(column)) \(problem.text).", column: column)
                continue
            }
            switch columnKinds[column] {
            case .continuous:
                break
            case .binary where lower < 0 || upper > 1:
                errors.add(.binaryBoundsOutsideUnitInterval, "\(columnLabel(column)) is binary but has bounds [\(lower), \(upper)]; a binary column's bounds must lie within [0, 1].", column: column)
            case .integer, .binary:
                if (lower.isFinite && lower.rounded(.down) != lower) || (upper.isFinite && upper.rounded(.down) != upper) {
                    errors.add(.nonIntegralBound, "\(columnLabel(column)) must be integral but has bounds [\(lower), \(upper)]; round the lower bound up and the upper bound down.", column: column)
                }
            }
        }
    }

    private func checkRows(into errors: inout ErrorList) {
        for row in 0 ..< rowCount where !errors.isFull {
            if let problem = Self.nameProblem(rowNames[row]) {
                errors.add(.invalidName, "Row \(row)'s name \(problem).", row: row)
            }
            if let problem = Self.boundsProblem(lower: rowLowerBounds[row], upper: rowUpperBounds[row]) {
                errors.add(problem.code, "\(rowLabel(row)) \(problem.text).", row: row)
            }
        }
    }

    private func checkEntries(into errors: inout ErrorList) {
        // The row that last named each column: finds duplicates in one pass, without sorting.
        var lastRow = [Int](repeating: -1, count: columnCount)
        for row in 0 ..< rowCount where !errors.isFull {
            for entry in entryRange(ofRow: row) {
                let column = entryColumns[entry], coefficient = entryCoefficients[entry]
                guard column >= 0 && column < columnCount else {
                    errors.add(.columnOutOfRange, "\(rowLabel(row)) refers to column \(column), but the columns are numbered 0 to \(columnCount - 1).", row: row, column: column)
                    continue
                }
                if coefficient.isNaN || coefficient.isInfinite {
                    errors.add(.nonFiniteNumber, "\(rowLabel(row)) has coefficient \(coefficient) for \(columnLabel(column).lowercasedFirst); coefficients must be finite numbers.", row: row, column: column)
                }
                if lastRow[column] == row {
                    errors.add(.duplicateColumn, "\(rowLabel(row)) names \(columnLabel(column).lowercasedFirst) more than once; add the coefficients into one term.", row: row, column: column)
                }
                lastRow[column] = row
            }
        }
    }

    private static func boundsProblem(lower: Double, upper: Double) -> (code: ModelError.Code, text: String)? {
        if lower.isNaN || upper.isNaN {
            return (.nonFiniteNumber, "has a NaN bound")
        }
        if lower == .infinity {
            return (.invalidBounds, "has lower bound +infinity; use -infinity for no lower bound")
        }
        if upper == -.infinity {
            return (.invalidBounds, "has upper bound -infinity; use +infinity for no upper bound")
        }
        if lower > upper {
            return (.invalidBounds, "has lower bound \(lower) above its upper bound \(upper)")
        }
        return nil
    }
}

/// Collects errors up to a limit.
struct ErrorList {
    let limit: Int
    private(set) var items: [ModelError] = []

    init(limit: Int) { self.limit = max(1, limit) }

    var isFull: Bool { items.count >= limit }

    mutating func add(_ code: ModelError.Code, _ message: String, row: Int? = nil, column: Int? = nil) {
        if !isFull { items.append(ModelError(code: code, message: message, row: row, column: column)) }
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

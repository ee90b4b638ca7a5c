import LinearProgramming

/// A starting solution checked for GLPK.
///
/// `glp_ios_heur_sol` checks only that integer columns hold exact integers and that the point
/// beats the incumbent; it does not check bounds or rows. An infeasible point handed to it
/// would become the "optimal" answer, so the whole point is checked here first.
enum StartingPoint {
    case usable(oneBased: [Double])
    case rejected(String)

    /// Absolute feasibility tolerance, scaled up for large bounds.
    static let tolerance = 1e-6

    init(_ values: [Double], for program: LinearProgram) {
        var point = [0.0]
        point.reserveCapacity(values.count + 1)
        for column in 0 ..< program.columnCount {
            var value = values[column]
            if program.columnKinds[column] != .continuous {
                let rounded = value.rounded()
                guard abs(value - rounded) <= Self.tolerance else {
                    self = .rejected("Its value \(value) for integer column \(Self.label(program.columnNames[column], column)) is not a whole number.")
                    return
                }
                value = rounded // GLPK compares with floor() exactly
            }
            let lower = program.columnLowerBounds[column], upper = program.columnUpperBounds[column]
            guard value >= lower - Self.slack(lower), value <= upper + Self.slack(upper) else {
                self = .rejected("Its value \(value) for column \(Self.label(program.columnNames[column], column)) lies outside the bounds [\(lower), \(upper)].")
                return
            }
            point.append(value)
        }
        let activities = program.rowActivities(at: Array(point.dropFirst()))
        for row in 0 ..< program.rowCount {
            let lower = program.rowLowerBounds[row], upper = program.rowUpperBounds[row], activity = activities[row]
            guard activity >= lower - Self.slack(lower), activity <= upper + Self.slack(upper) else {
                self = .rejected("It gives row \(Self.label(program.rowNames[row], row)) the value \(activity), outside its bounds [\(lower), \(upper)].")
                return
            }
        }
        self = .usable(oneBased: point)
    }

    private static func slack(_ bound: Double) -> Double {
        bound.isFinite ? tolerance * max(1, abs(bound)) : 0
    }

    private static func label(_ name: String, _ index: Int) -> String {
        name.isEmpty ? "\(index)" : "\(index) (\(name))"
    }
}

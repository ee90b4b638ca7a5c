import LinearProgramming

/// A program with a hand-checked optimum.
struct KnownOptimum: Sendable, CustomStringConvertible {
    let name: String
    let program: LinearProgram
    let objective: Double
    /// The unique optimal point, when it is unique.
    let values: [Double]?

    var description: String { name }
}

/// Small programs with known answers, and a few hard ones for limits and cancellation.
enum Fixtures {
    static let knownOptima: [KnownOptimum] = [
        knapsack, assignment, fractionalLP, everyRowKind, generalIntegers,
        negativeIntegers, fixedBinary, emptyProgram, boundsOnly,
    ]

    /// Weights 5, 6, 3, 4, 2 and values 10, 13, 7, 8, 5 under capacity 10: items 0, 2, 4 give 22.
    static let knapsack: KnownOptimum = {
        var program = LinearProgram(name: "knapsack", sense: .maximize, objectiveName: "value")
        let weights: [Double] = [5, 6, 3, 4, 2], values: [Double] = [10, 13, 7, 8, 5]
        let columns = values.indices.map { program.addColumn(name: "take_\($0)", kind: .binary, objective: values[$0]) }
        program.addRow(name: "capacity", terms: columns.map { ($0, weights[$0]) }, upper: 10)
        return KnownOptimum(name: "knapsack", program: program, objective: 22, values: [1, 0, 1, 0, 1])
    }()

    /// The classic 4x4 assignment: rows 0-3 take columns 1, 0, 2, 3 at cost 2 + 6 + 1 + 4 = 13.
    static let assignment: KnownOptimum = {
        let cost: [[Double]] = [[9, 2, 7, 8], [6, 4, 3, 7], [5, 8, 1, 8], [7, 6, 9, 4]]
        var program = LinearProgram(name: "assignment")
        var x = [[Int]]()
        for i in 0 ..< 4 {
            x.append((0 ..< 4).map { j in program.addColumn(name: "x_\(i)_\(j)", kind: .binary, objective: cost[i][j]) })
        }
        for i in 0 ..< 4 { program.addRow(name: "worker_\(i)", terms: (0 ..< 4).map { (x[i][$0], 1) }, lower: 1, upper: 1) }
        for j in 0 ..< 4 { program.addRow(name: "task_\(j)", terms: (0 ..< 4).map { (x[$0][j], 1) }, lower: 1, upper: 1) }
        let chosen = [1, 0, 2, 3]
        let values = (0 ..< 16).map { chosen[$0 / 4] == $0 % 4 ? 1.0 : 0.0 }
        return KnownOptimum(name: "assignment", program: program, objective: 13, values: values)
    }()

    /// max x + y, 2x + y <= 4, x + 2y <= 4: the unique optimum is x = y = 4/3.
    static let fractionalLP: KnownOptimum = {
        var program = LinearProgram(name: "fractional", sense: .maximize)
        let x = program.addColumn(name: "x", objective: 1)
        let y = program.addColumn(name: "y", objective: 1)
        program.addRow(name: "a", terms: [(x, 2), (y, 1)], upper: 4)
        program.addRow(name: "b", terms: [(x, 1), (y, 2)], upper: 4)
        return KnownOptimum(name: "fractional LP", program: program, objective: 8.0 / 3, values: [4.0 / 3, 4.0 / 3])
    }()

    /// Equality, ranged, free, >= and <= rows; negative, free and upper-only columns; a constant.
    ///
    /// min 100 + x + 2y + z - w, z - 2x = 1, -4 <= x + y <= -1, x + y + z + w free, w >= -7,
    /// y - w <= 10, x in [-3, 10], y in [-2, 5], z free, w <= 0. With z = 2x + 1 the objective
    /// is 101 + 3x + 2y - w: w = 0, x + y = -4 and x as low as allowed, so x = -3, y = -1, z = -5.
    static let everyRowKind: KnownOptimum = {
        var program = LinearProgram(name: "rows", objectiveConstant: 100)
        let x = program.addColumn(name: "x", lower: -3, upper: 10, objective: 1)
        let y = program.addColumn(name: "y", lower: -2, upper: 5, objective: 2)
        let z = program.addColumn(name: "z", lower: -.infinity, upper: .infinity, objective: 1)
        let w = program.addColumn(name: "w", lower: -.infinity, upper: 0, objective: -1)
        program.addRow(name: "equality", terms: [(z, 1), (x, -2)], lower: 1, upper: 1)
        program.addRow(name: "ranged", terms: [(x, 1), (y, 1)], lower: -4, upper: -1)
        program.addRow(name: "free", terms: [(x, 1), (y, 1), (z, 1), (w, 1)])
        program.addRow(name: "at_least", terms: [(w, 1)], lower: -7)
        program.addRow(name: "at_most", terms: [(y, 1), (w, -1)], upper: 10)
        return KnownOptimum(name: "every row kind", program: program, objective: 90, values: [-3, -1, -5, 0])
    }()

    /// max 5x + 4y, 6x + 4y <= 24, x + 2y <= 6, x and y integer: the LP gives 21 at (3, 1.5),
    /// the integers 20 at (4, 0).
    static let generalIntegers: KnownOptimum = {
        var program = LinearProgram(name: "integers", sense: .maximize)
        let x = program.addColumn(name: "x", kind: .integer, objective: 5)
        let y = program.addColumn(name: "y", kind: .integer, objective: 4)
        program.addRow(name: "a", terms: [(x, 6), (y, 4)], upper: 24)
        program.addRow(name: "b", terms: [(x, 1), (y, 2)], upper: 6)
        return KnownOptimum(name: "general integers", program: program, objective: 20, values: [4, 0])
    }()

    /// min x + y over integers in [-10, 10] with 2x >= -5 and 3y >= -7: x = y = -2.
    static let negativeIntegers: KnownOptimum = {
        var program = LinearProgram(name: "negative")
        let x = program.addColumn(name: "x", lower: -10, upper: 10, kind: .integer, objective: 1)
        let y = program.addColumn(name: "y", lower: -10, upper: 10, kind: .integer, objective: 1)
        program.addRow(name: "x_floor", terms: [(x, 2)], lower: -5)
        program.addRow(name: "y_floor", terms: [(y, 3)], lower: -7)
        return KnownOptimum(name: "negative integers", program: program, objective: -4, values: [-2, -2])
    }()

    /// A binary fixed at 1 must stay fixed (GLPK's binary kind would reset its bounds to [0, 1]).
    static let fixedBinary: KnownOptimum = {
        var program = LinearProgram(name: "fixed")
        let a = program.addColumn(name: "a", lower: 1, upper: 1, kind: .binary, objective: 1)
        let b = program.addColumn(name: "b", kind: .binary, objective: 1)
        let c = program.addColumn(name: "c", kind: .binary, objective: 2)
        program.addRow(name: "cover", terms: [(b, 1), (c, 1)], lower: 1)
        _ = a
        return KnownOptimum(name: "fixed binary", program: program, objective: 2, values: [1, 1, 0])
    }()

    /// No columns, no rows: the objective is its constant.
    static let emptyProgram = KnownOptimum(
        name: "empty program", program: LinearProgram(name: "empty", objectiveConstant: 5), objective: 5, values: []
    )

    /// Columns and no rows: each column goes to its better bound.
    static let boundsOnly: KnownOptimum = {
        var program = LinearProgram(name: "bounds", sense: .maximize)
        program.addColumn(name: "x", lower: 1, upper: 3, objective: -1)
        program.addColumn(name: "y", lower: -2, upper: 4, objective: 1)
        return KnownOptimum(name: "bounds only", program: program, objective: 3, values: [1, 4])
    }()

    /// sum(2 x_i) = n + 1 over an even number n of binaries: the LP relaxation is feasible, no
    /// integer point is, and branch and bound cannot prove it for n = 40 in any time a test waits.
    /// With `slack`, a continuous `s >= 0` joins the row and the objective minimizes it: then
    /// `x = 0, s = n + 1` is feasible, the optimum is 1, and the LP bound 0 stays until the tree
    /// is exhausted.
    static func parity(variables n: Int = 40, slack: Bool = false) -> LinearProgram {
        precondition(n % 2 == 0)
        var program = LinearProgram(name: slack ? "parity_slack" : "parity")
        var terms = (0 ..< n).map { (column: program.addColumn(name: "x_\($0)", kind: .binary), coefficient: 2.0) }
        if slack { terms.append((program.addColumn(name: "s", objective: 1), 1)) }
        let rhs = Double(n + 1)
        program.addRow(name: "odd", terms: terms, lower: rhs, upper: rhs)
        return program
    }

    /// The feasible point of `parity(slack: true)`: every x at 0, the slack at n + 1.
    static func paritySlackStart(variables n: Int = 40) -> [Double] {
        Array(repeating: 0, count: n) + [Double(n + 1)]
    }

    /// A random covering LP, `min c x` with `A x >= 1` and `x` in [0, 1]: `x = 1` is feasible,
    /// and at 1,000 rows and 4,000 columns GLPK's simplex method needs many seconds.
    static func coveringLP(rows: Int = 1000, columns: Int = 4000, perColumn: Int = 8, seed: UInt64 = 11) -> LinearProgram {
        var random = SeededGenerator(seed: seed)
        var program = LinearProgram(name: "covering")
        var termsOfRow = [[(column: Int, coefficient: Double)]](repeating: [], count: rows)
        for column in 0 ..< columns {
            program.addColumn(upper: 1, objective: Double.random(in: 1 ... 10, using: &random))
            var chosen = Set<Int>()
            while chosen.count < perColumn { chosen.insert(Int.random(in: 0 ..< rows, using: &random)) }
            for row in chosen.sorted() { termsOfRow[row].append((column, Double.random(in: 1 ... 2, using: &random))) }
        }
        for terms in termsOfRow { program.addRow(terms: terms, lower: 1) }
        return program
    }

    /// A random 0-1 knapsack and its optimum by dynamic programming.
    static func randomKnapsack(items: Int, seed: UInt64) -> (program: LinearProgram, optimum: Double) {
        var random = SeededGenerator(seed: seed)
        let weights = (0 ..< items).map { _ in Int.random(in: 5 ... 60, using: &random) }
        let values = (0 ..< items).map { _ in Int.random(in: 1 ... 100, using: &random) }
        let capacity = weights.reduce(0, +) / 3
        var program = LinearProgram(name: "knapsack_\(seed)", sense: .maximize)
        let columns = (0 ..< items).map { program.addColumn(name: "take_\($0)", kind: .binary, objective: Double(values[$0])) }
        program.addRow(name: "capacity", terms: columns.map { ($0, Double(weights[$0])) }, upper: Double(capacity))
        var best = [Int](repeating: 0, count: capacity + 1)
        for item in 0 ..< items {
            for room in stride(from: capacity, through: weights[item], by: -1) {
                best[room] = max(best[room], best[room - weights[item]] + values[item])
            }
        }
        return (program, Double(best[capacity]))
    }

    /// Whether `values` satisfies every bound, row and integrality requirement of `program`.
    static func isFeasible(_ values: [Double], for program: LinearProgram, tolerance: Double = 1e-6) -> Bool {
        guard values.count == program.columnCount else { return false }
        for j in 0 ..< program.columnCount {
            let v = values[j]
            if v < program.columnLowerBounds[j] - tolerance || v > program.columnUpperBounds[j] + tolerance { return false }
            if program.columnKinds[j] != .continuous && abs(v - v.rounded()) > tolerance { return false }
        }
        for (i, activity) in program.rowActivities(at: values).enumerated() {
            if activity < program.rowLowerBounds[i] - tolerance || activity > program.rowUpperBounds[i] + tolerance { return false }
        }
        return true
    }
}

/// SplitMix64: a small, seeded, repeatable generator.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

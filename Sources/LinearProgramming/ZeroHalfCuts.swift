/// A valid inequality `Σ coefficient * x[column] <= upper` for every integer point of a program.
public struct Cut: Sendable, Equatable {
    public var columns: [Int]
    public var coefficients: [Double]
    public var upper: Double
    /// How far the point it was separated from lies beyond it.
    public var violation: Double
}

/// {0, 1/2}-Chvátal-Gomory cuts: half the sum of some rows, with odd coefficients evened out by
/// column bounds, rounded down.
///
/// Take rows `a_r x <= b_r` with integer coefficients and bounds, over integer columns. For any
/// set `R` of them, `Σ_R a_r x <= Σ_R b_r`. Where a column's summed coefficient is odd, add its
/// bound inequality once (`x_j <= u_j` or `-x_j <= -l_j`, integers): every coefficient is then
/// even, and halving gives `Σ_j (a_j / 2) x_j <= β / 2`, whose left side is an integer at every
/// integer point; so `<= ⌊β / 2⌋` holds at all of them (Chvátal-Gomory). At a point `x*` the cut
/// is violated by `(1 - s) / 2` where `s` is the total slack at `x*` of the rows and bounds used,
/// when `β` is odd and `s < 1`.
///
/// The separation looks for sets of rows tight at `x*` (slack 0) in which every *open* column
/// (strictly between its bounds) has an even summed coefficient, or all but one, and whose
/// right-hand side, after the evening-out at columns sitting on a bound, is odd. Over GF(2) that
/// is linear algebra: each tight row is a bit vector over the open columns plus a right-hand-side
/// bit, and Gaussian elimination, tracking which rows were added, finds combinations that reduce
/// to weight 0 with an odd right-hand side, or to weight 1. This is the cheap part of the
/// Koster-Zymolka-Kutschka heuristic; it suits points that are half-integral, as LP optima of
/// assignment programs with odd cycles often are. Every cut returned is checked in integer
/// arithmetic from its rows and measured at the point.
public enum ZeroHalfCuts {
    /// Cuts of `program` violated at `point` by more than `minimumViolation`, most efficacious
    /// first, at most `limit`. Only rows whose coefficients and finite bounds are integers and
    /// whose columns are all integer columns with integer bounds take part; column bounds are
    /// `program`'s own, so pass the program with the bounds that hold for every point the cuts
    /// must keep (not a restriction of it).
    public static func separate(
        _ program: LinearProgram, at point: [Double], limit: Int = 200, minimumViolation: Double = 1e-4
    ) -> [Cut] {
        guard point.count == program.columnCount, limit > 0 else { return [] }
        let tolerance = 1e-6
        // Columns open at the point get a bit each; the others sit on an integer bound.
        var openIndex = [Int](repeating: -1, count: program.columnCount)
        var openCount = 0
        var usable = [Bool](repeating: false, count: program.columnCount)
        for column in 0 ..< program.columnCount where program.columnKinds[column] != .continuous {
            let lower = program.columnLowerBounds[column], upper = program.columnUpperBounds[column]
            guard isSmallInteger(lower), isSmallInteger(upper) else { continue }
            usable[column] = true
            let value = point[column]
            if abs(value - lower) > tolerance && abs(value - upper) > tolerance {
                openIndex[column] = openCount
                openCount += 1
            }
        }
        guard openCount > 0 else { return [] }

        // Tight rows in `<=` form: (row, sign, right-hand side).
        var tight: [(row: Int, sign: Int, rhs: Int)] = []
        let activities = program.rowActivities(at: point)
        rows: for row in 0 ..< program.rowCount {
            for entry in program.entryRange(ofRow: row) {
                let column = program.entryColumns[entry]
                guard usable[column], isSmallInteger(program.entryCoefficients[entry]) else { continue rows }
            }
            let upper = program.rowUpperBounds[row], lower = program.rowLowerBounds[row]
            if upper.isFinite, isSmallInteger(upper), upper - activities[row] <= tolerance {
                tight.append((row, 1, Int(upper)))
            } else if lower.isFinite, isSmallInteger(lower), activities[row] - lower <= tolerance {
                tight.append((row, -1, -Int(lower)))
            }
        }
        guard !tight.isEmpty else { return [] }

        let vectorWords = (openCount + 63) / 64, comboWords = (tight.count + 63) / 64
        var system = GF2Elimination(vectorWords: vectorWords, comboWords: comboWords, bitCount: openCount)
        var candidates: [[UInt64]] = []
        for (index, row) in tight.enumerated() {
            var vector = [UInt64](repeating: 0, count: vectorWords)
            var odd = row.rhs & 1 == 1
            for entry in program.entryRange(ofRow: row.row) {
                let coefficient = Int(program.entryCoefficients[entry])
                guard coefficient & 1 == 1 else { continue }
                let column = program.entryColumns[entry]
                if openIndex[column] >= 0 {
                    vector[openIndex[column] >> 6] ^= 1 << UInt64(openIndex[column] & 63)
                } else if Int(point[column].rounded()) & 1 == 1 {
                    // Evening out at a column on its bound adds that bound, of the column's parity.
                    odd.toggle()
                }
            }
            var combo = [UInt64](repeating: 0, count: comboWords)
            combo[index >> 6] = 1 << UInt64(index & 63)
            if let found = system.insert(vector: vector, odd: odd, combo: combo) { candidates.append(found) }
        }

        var cuts: [Cut] = []
        var seen = Set<[Int]>()
        for combo in candidates {
            guard let cut = cut(from: combo, tight: tight, program: program, point: point),
                  cut.violation > minimumViolation else { continue }
            let key = cut.columns + cut.coefficients.map { Int($0) } + [Int(cut.upper)]
            guard seen.insert(key).inserted else { continue }
            cuts.append(cut)
        }
        cuts.sort { efficacy($0) > efficacy($1) }
        return Array(cuts.prefix(limit))
    }

    /// The cut from the tight rows marked in `combo`, in integer arithmetic, evened out at each odd
    /// column by the bound nearer the point.
    private static func cut(
        from combo: [UInt64], tight: [(row: Int, sign: Int, rhs: Int)], program: LinearProgram, point: [Double]
    ) -> Cut? {
        var sum: [Int: Int] = [:]
        var rhs = 0
        for (word, bits) in combo.enumerated() {
            var bits = bits
            while bits != 0 {
                let index = word * 64 + bits.trailingZeroBitCount
                bits &= bits - 1
                let row = tight[index]
                rhs += row.rhs
                for entry in program.entryRange(ofRow: row.row) {
                    sum[program.entryColumns[entry], default: 0] += row.sign * Int(program.entryCoefficients[entry])
                }
            }
        }
        var columns: [Int] = [], coefficients: [Double] = []
        for (column, coefficient) in sum.sorted(by: { $0.key < $1.key }) {
            var coefficient = coefficient
            if coefficient & 1 != 0 {
                let lower = Int(program.columnLowerBounds[column]), upper = Int(program.columnUpperBounds[column])
                if Double(upper) - point[column] <= point[column] - Double(lower) {
                    coefficient += 1
                    rhs += upper
                } else {
                    coefficient -= 1
                    rhs -= lower
                }
            }
            guard coefficient != 0 else { continue }
            columns.append(column)
            coefficients.append(Double(coefficient / 2))
        }
        guard !columns.isEmpty else { return nil }
        // ⌊rhs / 2⌋, also for negative rhs.
        let upper = Double(rhs >= 0 ? rhs / 2 : -((-rhs + 1) / 2))
        var activity = 0.0
        for (column, coefficient) in zip(columns, coefficients) { activity += coefficient * point[column] }
        return Cut(columns: columns, coefficients: coefficients, upper: upper, violation: activity - upper)
    }

    private static func efficacy(_ cut: Cut) -> Double {
        let norm = cut.coefficients.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return cut.violation / max(norm, 1)
    }

    /// Whether `value` is an integer small enough that sums of many stay exact in `Int`.
    private static func isSmallInteger(_ value: Double) -> Bool {
        value.isFinite && value == value.rounded() && abs(value) < 1e9
    }
}

/// Row reduction over GF(2) that remembers which original rows each reduced row sums.
struct GF2Elimination {
    let vectorWords: Int
    let comboWords: Int
    /// For each bit, the pivot row whose lowest set bit it is.
    private var pivotAt: [Int]
    private var vectors: [[UInt64]] = []
    private var odds: [Bool] = []
    private var combos: [[UInt64]] = []

    init(vectorWords: Int, comboWords: Int, bitCount: Int) {
        self.vectorWords = vectorWords
        self.comboWords = comboWords
        pivotAt = [Int](repeating: -1, count: bitCount)
    }

    /// Reduces the row by every pivot; keeps it as a new pivot unless it vanished. Returns its
    /// combination when it is a candidate cut: weight 0 with an odd right-hand side, or weight 1.
    mutating func insert(vector: [UInt64], odd: Bool, combo: [UInt64]) -> [UInt64]? {
        var vector = vector, odd = odd, combo = combo
        var lowest = -1
        for word in 0 ..< vectorWords {
            // Bits below `word * 64` are settled; walk this word's bits upwards.
            var scanned: UInt64 = 0
            while true {
                let remaining = vector[word] & ~scanned
                guard remaining != 0 else { break }
                let bit = remaining.trailingZeroBitCount
                scanned |= (1 << UInt64(bit)) | ((1 << UInt64(bit)) - 1)
                let pivot = pivotAt[word * 64 + bit]
                if pivot >= 0 {
                    for w in word ..< vectorWords { vector[w] ^= vectors[pivot][w] }
                    for w in 0 ..< comboWords { combo[w] ^= combos[pivot][w] }
                    odd = odd != odds[pivot]
                } else if lowest < 0 {
                    lowest = word * 64 + bit
                }
            }
        }
        let weight = vector.reduce(0) { $0 + $1.nonzeroBitCount }
        if lowest >= 0 {
            pivotAt[lowest] = vectors.count
            vectors.append(vector)
            odds.append(odd)
            combos.append(combo)
        }
        return (weight == 0 && odd) || weight == 1 ? combo : nil
    }
}

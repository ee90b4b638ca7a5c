import Dispatch
import Foundation
import LinearProgramming

/// The iterates of `FirstOrderRelaxation`, for `min cᵀx` over `L <= Ax <= U`, `l <= x <= u` (the
/// program's objective negated), in a rescaled copy `Ã = D_r A D_c`, `x = D_c x̃`, `y = D_r ỹ`.
///
/// The saddle function is `cᵀx - yᵀAx + p(y)` with `p(y) = Σ_r (y_r >= 0 ? y_r L_r : y_r U_r)`;
/// one step is `x' = proj(x - τ(c - Aᵀy))`, `y' = prox_σp(y - σA(2x' - x))`, with PDLP's adaptive
/// step size and `τ = η/ω`, `σ = ηω` for the primal weight `ω`.
struct PDHGState {
    struct Evaluation {
        let isAverage: Bool
        let primalObjective: Double
        /// `D(y)`, a lower bound of the minimisation (up to rounding).
        let dualObjective: Double
        let relativeResidual: Double
        let error: Double
    }

    private let n: Int, m: Int
    // The scaled problem.
    /// `Ã` by rows and by columns (`Ãᵀ` by rows).
    private let byRows: RowMatrix, byColumns: RowMatrix
    private var cost: [Double], lower: [Double], upper: [Double]
    private var rowLower: [Double], rowUpper: [Double]
    private var rowScale: [Double], columnScale: [Double]
    private let boundNorm: Double
    // Iterates, their products with the matrix, and the weighted sums since the last restart.
    private var x: [Double], y: [Double], ax: [Double], aty: [Double]
    /// Scratch for the next iterate.
    private var xNext: [Double], yNext: [Double], axNext: [Double], atyNext: [Double]
    private var xSum: [Double], ySum: [Double], axSum: [Double], atySum: [Double]
    private var weightSum = 0.0
    private var xAnchor: [Double], yAnchor: [Double]
    private var eta: Double
    private var omega: Double
    /// The scaled multipliers of the best dual objective seen in this solve, and that objective.
    private(set) var bestMultipliers: [Double]
    private(set) var bestDualObjective = -Double.infinity
    /// The original program.
    private let original: LinearProgram

    init(program: LinearProgram) {
        original = program
        let n = program.columnCount, m = program.rowCount
        self.n = n
        self.m = m
        let start = program.rowStarts, index = program.entryColumns
        var value = program.entryCoefficients
        var rowScale = Array(repeating: 1.0, count: m)
        var columnScale = Array(repeating: 1.0, count: n)
        Self.equilibrate(start, index, value, &rowScale, &columnScale)
        for r in 0..<m {
            for e in start[r]..<start[r + 1] { value[e] *= rowScale[r] * columnScale[index[e]] }
        }
        byRows = RowMatrix(start: start, index: index, value: value)
        let (columnStart, columnRow, columnValue) = Self.transpose(n, start, index, value)
        byColumns = RowMatrix(start: columnStart, index: columnRow, value: columnValue)
        self.rowScale = rowScale
        self.columnScale = columnScale
        let cost = (0..<n).map { -program.objectiveCoefficients[$0] * columnScale[$0] }
        self.cost = cost
        lower = (0..<n).map { program.columnLowerBounds[$0] / columnScale[$0] }
        upper = (0..<n).map { program.columnUpperBounds[$0] / columnScale[$0] }
        let rowLower = (0..<m).map { program.rowLowerBounds[$0] * rowScale[$0] }
        let rowUpper = (0..<m).map { program.rowUpperBounds[$0] * rowScale[$0] }
        self.rowLower = rowLower
        self.rowUpper = rowUpper
        let bounds = (0..<m).map { r in max(rowLower[r].isFinite ? abs(rowLower[r]) : 0, rowUpper[r].isFinite ? abs(rowUpper[r]) : 0) }
        let boundNorm = sqrt(bounds.reduce(0) { $0 + $1 * $1 })
        self.boundNorm = boundNorm
        let costNorm = sqrt(cost.reduce(0) { $0 + $1 * $1 })
        omega = costNorm > 0 && boundNorm > 0 ? costNorm / boundNorm : 1
        eta = 1 / max(value.map(abs).max() ?? 1, 1e-12)
        let x = (0..<n).map { min(max(0, program.columnLowerBounds[$0]), program.columnUpperBounds[$0]) / columnScale[$0] }
        var ax = Array(repeating: 0.0, count: m)
        byRows.multiply(x, into: &ax)
        self.x = x
        self.ax = ax
        y = Array(repeating: 0, count: m)
        aty = Array(repeating: 0, count: n)
        xSum = Array(repeating: 0, count: n)
        ySum = Array(repeating: 0, count: m)
        axSum = Array(repeating: 0, count: m)
        atySum = Array(repeating: 0, count: n)
        xAnchor = x
        yAnchor = y
        bestMultipliers = y
        xNext = x
        yNext = y
        axNext = ax
        atyNext = aty
    }

    /// A new solve from the current point: fresh averages and a fresh best bound.
    mutating func beginSolve() {
        restart(toAverage: false)
        bestDualObjective = -.infinity
    }

    /// One accepted step, retrying with a smaller step size as the adaptive rule asks.
    mutating func step(iteration: Int) {
        while true {
            let tau = eta / omega, sigma = eta * omega
            for j in 0..<n { xNext[j] = min(max(x[j] - tau * (cost[j] - aty[j]), lower[j]), upper[j]) }
            byRows.multiply(xNext, into: &axNext)
            for r in 0..<m {
                let a = y[r] - sigma * (2 * axNext[r] - ax[r])
                let low = a + sigma * rowLower[r], high = a + sigma * rowUpper[r]
                yNext[r] = low > 0 ? low : (high < 0 ? high : 0)
            }
            byColumns.multiply(yNext, into: &atyNext)
            var movementX = 0.0, movementY = 0.0, interaction = 0.0
            for j in 0..<n {
                let dx = xNext[j] - x[j]
                movementX += dx * dx
                interaction += dx * (atyNext[j] - aty[j])
            }
            for r in 0..<m { movementY += (yNext[r] - y[r]) * (yNext[r] - y[r]) }
            let movement = 0.5 * omega * movementX + 0.5 / omega * movementY
            let limit = abs(interaction) > 0 ? movement / abs(interaction) : .infinity
            let k = Double(iteration + 2)
            let next = min((1 - pow(k, -0.3)) * limit, (1 + pow(k, -0.6)) * eta)
            if eta <= limit {
                let weight = eta
                eta = next.isFinite ? next : eta
                swap(&x, &xNext); swap(&y, &yNext); swap(&ax, &axNext); swap(&aty, &atyNext)
                for j in 0..<n { xSum[j] += weight * x[j]; atySum[j] += weight * aty[j] }
                for r in 0..<m { ySum[r] += weight * y[r]; axSum[r] += weight * ax[r] }
                weightSum += weight
                return
            }
            eta = next
        }
    }

    mutating func evaluate(average: Bool) -> Evaluation {
        let w = average && weightSum > 0 ? 1 / weightSum : 1
        let useSums = average && weightSum > 0
        var primal = 0.0, dual = 0.0, residual = 0.0
        for j in 0..<n {
            let xj = useSums ? xSum[j] * w : x[j]
            let reduced = cost[j] - (useSums ? atySum[j] * w : aty[j])
            primal += cost[j] * xj
            dual += reduced >= 0 ? reduced * lower[j] : reduced * upper[j]
        }
        var multipliers = useSums ? ySum : y
        for r in 0..<m {
            let yr = useSums ? ySum[r] * w : y[r]
            multipliers[r] = yr
            if yr > 0 { dual += yr * rowLower[r] } else if yr < 0 { dual += yr * rowUpper[r] }
            let activity = useSums ? axSum[r] * w : ax[r]
            let violation = max(rowLower[r] - activity, 0) + max(activity - rowUpper[r], 0)
            residual += violation * violation
        }
        if dual > bestDualObjective {
            bestDualObjective = dual
            bestMultipliers = multipliers
        }
        let gap = primal - dual
        return Evaluation(
            isAverage: useSums, primalObjective: primal, dualObjective: dual,
            relativeResidual: sqrt(residual) / (1 + boundNorm), error: sqrt(omega * omega * residual + gap * gap))
    }

    /// Starts again from the average (or the current point), and rebalances the primal weight by
    /// how far each side moved since the last restart.
    mutating func restart(toAverage: Bool) {
        if toAverage && weightSum > 0 {
            let w = 1 / weightSum
            x = xSum.map { $0 * w }; y = ySum.map { $0 * w }; ax = axSum.map { $0 * w }; aty = atySum.map { $0 * w }
        }
        let dx = sqrt(zip(x, xAnchor).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })
        let dy = sqrt(zip(y, yAnchor).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })
        if dx > 1e-10 && dy > 1e-10 { omega = exp(0.5 * log(dy / dx) + 0.5 * log(omega)) }
        xAnchor = x
        yAnchor = y
        for j in 0..<n { xSum[j] = 0; atySum[j] = 0 }
        for r in 0..<m { ySum[r] = 0; axSum[r] = 0 }
        weightSum = 0
    }

    /// The current point in the original columns, within their bounds.
    func originalPoint() -> [Double] {
        (0..<n).map { min(max(x[$0] * columnScale[$0], original.columnLowerBounds[$0]), original.columnUpperBounds[$0]) }
    }

    /// The upper bound on the program's (maximised) objective given by the scaled multipliers
    /// `scaled`, computed from the original data, with a margin for rounding.
    func rigorousBound(bestOf scaled: [Double]) -> Double {
        rigorousDual(bestOf: scaled).bound
    }

    /// ``rigorousBound(bestOf:)`` and the reduced costs behind it, `c - Aᵀy` in the original
    /// (maximised) objective: a point with column `j` at its other bound scores at least
    /// `|reducedCosts[j]| * (upper - lower)` below the bound.
    func rigorousDual(bestOf scaled: [Double]) -> (bound: Double, reducedCosts: [Double]) {
        // The iterations minimise -cᵀx: their multipliers, unscaled and negated, are the
        // maximised program's. The constant is left out here and added by the caller.
        let duals = (0..<m).map { -scaled[$0] * rowScale[$0] }
        let (bound, reduced) = original.dualBound(rowDuals: duals)
        return (bound - original.objectiveConstant, reduced)
    }

    // MARK: Matrix

    private static func transpose(_ n: Int, _ start: [Int], _ index: [Int], _ value: [Double]) -> ([Int], [Int], [Double]) {
        var count = Array(repeating: 0, count: n + 1)
        for column in index { count[column + 1] += 1 }
        for j in 0..<n { count[j + 1] += count[j] }
        var next = count
        var rows = Array(repeating: 0, count: index.count)
        var values = Array(repeating: 0.0, count: index.count)
        for r in 0..<(start.count - 1) {
            for e in start[r]..<start[r + 1] {
                let j = index[e]
                rows[next[j]] = r
                values[next[j]] = value[e]
                next[j] += 1
            }
        }
        return (count, rows, values)
    }

    /// Ruiz equilibration (ten passes towards unit infinity norms), then Pock and Chambolle's
    /// scaling by the square roots of the 1-norms.
    private static func equilibrate(
        _ start: [Int], _ index: [Int], _ value: [Double], _ rowScale: inout [Double], _ columnScale: inout [Double]
    ) {
        let m = rowScale.count, n = columnScale.count
        for pass in 0..<11 {
            var rowNorm = Array(repeating: 0.0, count: m)
            var columnNorm = Array(repeating: 0.0, count: n)
            for r in 0..<m {
                for e in start[r]..<start[r + 1] {
                    let a = abs(value[e] * rowScale[r] * columnScale[index[e]])
                    if pass < 10 {
                        rowNorm[r] = max(rowNorm[r], a)
                        columnNorm[index[e]] = max(columnNorm[index[e]], a)
                    } else {
                        rowNorm[r] += a
                        columnNorm[index[e]] += a
                    }
                }
            }
            for r in 0..<m where rowNorm[r] > 0 { rowScale[r] /= sqrt(rowNorm[r]) }
            for j in 0..<n where columnNorm[j] > 0 { columnScale[j] /= sqrt(columnNorm[j]) }
        }
    }
}

/// A sparse matrix stored by rows, multiplied by a vector on up to four threads when it is large:
/// each iteration of `PDHGState` is two such products, nearly all of its time on large programs,
/// and rows are independent, so the threads share nothing but what they read.
struct RowMatrix: Sendable {
    private let start: [Int]
    private let index: [Int32]
    private let value: [Double]
    /// Consecutive rows with about equal numbers of nonzeros, one range per thread.
    let parts: [Range<Int>]

    /// Below this many nonzeros a product takes less than the threads take to start.
    static let parallelNonzeros = 200_000

    /// `threads` nil: one below `parallelNonzeros`, else as many as there are cores, at most four.
    init(start: [Int], index: [Int], value: [Double], threads: Int? = nil) {
        self.start = start
        self.index = index.map { Int32($0) }
        self.value = value
        let rows = start.count - 1
        let nonzeros = start.last ?? 0
        let threads = max(1, threads ?? (nonzeros < Self.parallelNonzeros ? 1 : min(4, Parallel.cores)))
        var parts: [Range<Int>] = []
        var row = 0
        for part in 0..<threads {
            let target = nonzeros * (part + 1) / threads
            var end = row
            while end < rows && (part == threads - 1 || start[end + 1] <= target) { end += 1 }
            parts.append(row..<end)
            row = end
        }
        self.parts = parts.filter { !$0.isEmpty }
    }

    /// `result = self · vector`.
    func multiply(_ vector: [Double], into result: inout [Double]) {
        start.withUnsafeBufferPointer { start in
            index.withUnsafeBufferPointer { index in
                value.withUnsafeBufferPointer { value in
                    vector.withUnsafeBufferPointer { vector in
                        result.withUnsafeMutableBufferPointer { result in
                            // Each thread writes only its own rows of `result`.
                            nonisolated(unsafe) let (start, index, value, vector, result) = (start, index, value, vector, result)
                            let rows: @Sendable (Range<Int>) -> Void = { part in
                                for i in part {
                                    var total = 0.0
                                    for e in start[i]..<start[i + 1] { total += value[e] * vector[Int(index[e])] }
                                    result[i] = total
                                }
                            }
                            if parts.count <= 1 {
                                for part in parts { rows(part) }
                            } else {
                                DispatchQueue.concurrentPerform(iterations: parts.count) { rows(parts[$0]) }
                            }
                        }
                    }
                }
            }
        }
    }
}

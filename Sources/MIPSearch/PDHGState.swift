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
    // The scaled problem (its matrix kept unscaled).
    /// `A` by rows and by columns (`Aᵀ` by rows), unscaled: `Ãv = D_r(A(D_c v))`, so the
    /// products read the vector scaled and scale their result (`RowMatrix.multiply(_:scaledBy:into:)`),
    /// and a matrix of ones and minus ones keeps no coefficients at all.
    private let byRows: RowMatrix, byColumns: RowMatrix
    private let cost: SharedVector, lower: SharedVector, upper: SharedVector
    private let rowLower: [Double], rowUpper: [Double]
    private let rowScale: SharedVector, columnScale: SharedVector
    private let boundNorm: Double
    /// The columns and rows in fixed parts, for the loops over them (see `Split`).
    private let columnParts: Split, rowParts: Split
    // Iterates, their products with the matrix, and the weighted sums since the last restart.
    // Vectors are shared objects (their elements written by several threads at once), swapped
    // between the iterate and the scratch for the next one.
    private var x: SharedVector, y: SharedVector, ax: SharedVector, aty: SharedVector
    /// Scratch for the next iterate.
    private var xNext: SharedVector, yNext: SharedVector, axNext: SharedVector, atyNext: SharedVector
    /// `D_c x'` and `D_r y'`: what the products read.
    private let xScaled: SharedVector, yScaled: SharedVector
    private let xSum: SharedVector, ySum: SharedVector, axSum: SharedVector, atySum: SharedVector
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
        let value = program.entryCoefficients
        var rowScale = Array(repeating: 1.0, count: m)
        var columnScale = Array(repeating: 1.0, count: n)
        Self.equilibrate(start, index, value, &rowScale, &columnScale)
        var largest = 0.0
        for r in 0..<m {
            for e in start[r]..<start[r + 1] { largest = max(largest, abs(value[e] * rowScale[r] * columnScale[index[e]])) }
        }
        byRows = RowMatrix(start: start, index: index, value: value)
        let (columnStart, columnRow, columnValue) = Self.transpose(n, start, index, value)
        byColumns = RowMatrix(start: columnStart, index: columnRow, value: columnValue)
        let parallel = program.nonzeroCount >= RowMatrix.parallelNonzeros
        columnParts = Split(count: n, parallel: parallel)
        rowParts = Split(count: m, parallel: parallel)
        self.rowScale = SharedVector(rowScale)
        self.columnScale = SharedVector(columnScale)
        let cost = (0..<n).map { -program.objectiveCoefficients[$0] * columnScale[$0] }
        self.cost = SharedVector(cost)
        lower = SharedVector((0..<n).map { program.columnLowerBounds[$0] / columnScale[$0] })
        upper = SharedVector((0..<n).map { program.columnUpperBounds[$0] / columnScale[$0] })
        let rowLower = (0..<m).map { program.rowLowerBounds[$0] * rowScale[$0] }
        let rowUpper = (0..<m).map { program.rowUpperBounds[$0] * rowScale[$0] }
        self.rowLower = rowLower
        self.rowUpper = rowUpper
        let bounds = (0..<m).map { r in max(rowLower[r].isFinite ? abs(rowLower[r]) : 0, rowUpper[r].isFinite ? abs(rowUpper[r]) : 0) }
        let boundNorm = sqrt(bounds.reduce(0) { $0 + $1 * $1 })
        self.boundNorm = boundNorm
        let costNorm = sqrt(cost.reduce(0) { $0 + $1 * $1 })
        omega = costNorm > 0 && boundNorm > 0 ? costNorm / boundNorm : 1
        eta = 1 / max(largest, 1e-12)
        let x = (0..<n).map { min(max(0, program.columnLowerBounds[$0]), program.columnUpperBounds[$0]) / columnScale[$0] }
        self.x = SharedVector(x)
        xScaled = SharedVector((0..<n).map { x[$0] * columnScale[$0] })
        ax = SharedVector(repeating: 0, count: m)
        byRows.multiply(xScaled, scaledBy: self.rowScale, into: ax)
        y = SharedVector(repeating: 0, count: m)
        yScaled = SharedVector(repeating: 0, count: m)
        aty = SharedVector(repeating: 0, count: n)
        xSum = SharedVector(repeating: 0, count: n)
        ySum = SharedVector(repeating: 0, count: m)
        axSum = SharedVector(repeating: 0, count: m)
        atySum = SharedVector(repeating: 0, count: n)
        xAnchor = x
        yAnchor = Array(repeating: 0, count: m)
        bestMultipliers = yAnchor
        xNext = SharedVector(x)
        yNext = SharedVector(repeating: 0, count: m)
        axNext = ax.copy()
        atyNext = SharedVector(repeating: 0, count: n)
    }

    /// A new solve from the current point: fresh averages and a fresh best bound.
    mutating func beginSolve() {
        restart(toAverage: false)
        bestDualObjective = -.infinity
    }

    /// One accepted step, retrying with a smaller step size as the adaptive rule asks.
    mutating func step(iteration: Int) {
        // Each loop writes only its own part's elements.
        nonisolated(unsafe) let (cost, lower, upper, columnScale, rowScale) = (cost.base, lower.base, upper.base, columnScale.base, rowScale.base)
        let (rowLower, rowUpper) = (rowLower, rowUpper)
        while true {
            let tau = eta / omega, sigma = eta * omega
            nonisolated(unsafe) let (x, aty, xNext, xScaled) = (x.base, aty.base, xNext.base, xScaled.base)
            columnParts.run { part in
                for j in part {
                    let value = min(max(x[j] - tau * (cost[j] - aty[j]), lower[j]), upper[j])
                    xNext[j] = value
                    xScaled[j] = value * columnScale[j]
                }
            }
            byRows.multiply(self.xScaled, scaledBy: self.rowScale, into: self.axNext)
            nonisolated(unsafe) let (y, ax, yNext, axNext, yScaled) = (y.base, ax.base, yNext.base, axNext.base, yScaled.base)
            let movementY = rowParts.sum { part in
                var movement = 0.0
                for r in part {
                    let a = y[r] - sigma * (2 * axNext[r] - ax[r])
                    let low = a + sigma * rowLower[r], high = a + sigma * rowUpper[r]
                    let value = low > 0 ? low : (high < 0 ? high : 0)
                    yNext[r] = value
                    yScaled[r] = value * rowScale[r]
                    movement += (value - y[r]) * (value - y[r])
                }
                return (movement, 0)
            }.0
            byColumns.multiply(self.yScaled, scaledBy: self.columnScale, into: self.atyNext)
            nonisolated(unsafe) let atyNext = self.atyNext.base
            let (movementX, interaction) = columnParts.sum { part in
                var movement = 0.0, interaction = 0.0
                for j in part {
                    let dx = xNext[j] - x[j]
                    movement += dx * dx
                    interaction += dx * (atyNext[j] - aty[j])
                }
                return (movement, interaction)
            }
            let movement = 0.5 * omega * movementX + 0.5 / omega * movementY
            let limit = abs(interaction) > 0 ? movement / abs(interaction) : .infinity
            let k = Double(iteration + 2)
            let next = min((1 - pow(k, -0.3)) * limit, (1 + pow(k, -0.6)) * eta)
            if eta <= limit {
                let weight = eta
                eta = next.isFinite ? next : eta
                swap(&self.x, &self.xNext); swap(&self.y, &self.yNext)
                swap(&self.ax, &self.axNext); swap(&self.aty, &self.atyNext)
                nonisolated(unsafe) let (xSum, atySum, ySum, axSum) = (xSum.base, atySum.base, ySum.base, axSum.base)
                // The accepted point is what was the next one.
                columnParts.run { part in
                    for j in part { xSum[j] += weight * xNext[j]; atySum[j] += weight * atyNext[j] }
                }
                rowParts.run { part in
                    for r in part { ySum[r] += weight * yNext[r]; axSum[r] += weight * axNext[r] }
                }
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
        var multipliers = Array(repeating: 0.0, count: m)
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
            for j in 0..<n { x[j] = xSum[j] * w; aty[j] = atySum[j] * w }
            for r in 0..<m { y[r] = ySum[r] * w; ax[r] = axSum[r] * w }
        }
        var dx = 0.0, dy = 0.0
        for j in 0..<n { dx += (x[j] - xAnchor[j]) * (x[j] - xAnchor[j]) }
        for r in 0..<m { dy += (y[r] - yAnchor[r]) * (y[r] - yAnchor[r]) }
        dx = sqrt(dx)
        dy = sqrt(dy)
        if dx > 1e-10 && dy > 1e-10 { omega = exp(0.5 * log(dy / dx) + 0.5 * log(omega)) }
        xAnchor = x.array
        yAnchor = y.array
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
    /// `|reducedCosts[j]| * (upper - lower)` below the bound; and `y`, the multipliers.
    func rigorousDual(bestOf scaled: [Double]) -> (bound: Double, reducedCosts: [Double], rowDuals: [Double]) {
        // The iterations minimise -cᵀx: their multipliers, unscaled and negated, are the
        // maximised program's. The constant is left out here and added by the caller.
        let duals = (0..<m).map { -scaled[$0] * rowScale[$0] }
        let (bound, reduced) = original.dualBound(rowDuals: duals)
        return (bound - original.objectiveConstant, reduced, duals)
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

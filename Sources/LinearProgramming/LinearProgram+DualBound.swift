extension LinearProgram {
    /// A bound on the optimum of this program's relaxation that holds for any row multipliers,
    /// however inaccurate: the value of the Lagrangian dual at `rowDuals`, with the reduced costs
    /// `d = c - Aᵀy` that make it up.
    ///
    /// Maximising, every point `l <= x <= u`, `L <= Ax <= U` has
    /// `cᵀx = yᵀAx + dᵀx <= Σ_r (y_r > 0 ? y_r U_r : y_r L_r) + Σ_j max(d_j l_j, d_j u_j)`;
    /// minimising, the same with the inequalities turned round. A multiplier whose sign needs an
    /// infinite row bound counts as 0. The sums are rounded outwards by a margin for floating-point
    /// error, so the bound is safe to prove optimality with. It is infinite when a column with an
    /// infinite bound has a reduced cost pointing that way.
    public func dualBound(rowDuals: [Double]) -> (bound: Double, reducedCosts: [Double]) {
        let maximising = sense == .maximize
        var reduced = objectiveCoefficients
        var total = objectiveConstant
        var magnitude = abs(objectiveConstant)
        for row in 0 ..< min(rowCount, rowDuals.count) {
            let y = rowDuals[row]
            guard y != 0, y.isFinite else { continue }
            // Maximising, y > 0 prices the upper bound; minimising, the lower one.
            let rowBound = (y > 0) == maximising ? rowUpperBounds[row] : rowLowerBounds[row]
            guard rowBound.isFinite else { continue }
            total += y * rowBound
            magnitude += abs(y * rowBound)
            for entry in entryRange(ofRow: row) {
                reduced[entryColumns[entry]] -= y * entryCoefficients[entry]
                magnitude += abs(y * entryCoefficients[entry])
            }
        }
        for column in 0 ..< columnCount {
            let d = reduced[column]
            guard d != 0 else { continue }
            let columnBound = (d > 0) == maximising ? columnUpperBounds[column] : columnLowerBounds[column]
            guard columnBound.isFinite else { return (maximising ? .infinity : -.infinity, reduced) }
            total += d * columnBound
            magnitude += abs(d * columnBound)
        }
        // Each sum of N terms is off by at most about N ulps of the sum of magnitudes; ten times that.
        let margin = 1e-15 * Double(nonzeroCount + columnCount + rowCount + 1) * max(magnitude, 1)
        return (maximising ? total + margin : total - margin, reduced)
    }
}

import CGLPK
import LinearProgramming

extension GLPKProblem {
    /// The basis GLPK holds for `problem` (made by `make` without omitting rows). A fixed column
    /// or row is recorded at the bound its value is nearer to the upper one of [0, 1] by, so a
    /// later program that frees it starts it where it was.
    static func basis(of problem: OpaquePointer) -> Basis {
        func status(_ code: Int32, value: Double) -> Basis.Status {
            switch code {
            case GLP_BS: .basic
            case GLP_NU: .upper
            case GLP_NS: value >= 0.5 ? .upper : .lower
            default: .lower
            }
        }
        let columns = (0 ..< Int(glp_get_num_cols(problem))).map { column in
            let j = Int32(column + 1)
            return status(glp_get_col_stat(problem, j), value: glp_get_col_prim(problem, j))
        }
        let rows = (0 ..< Int(glp_get_num_rows(problem))).map { row in
            let i = Int32(row + 1)
            return status(glp_get_row_stat(problem, i), value: glp_get_row_prim(problem, i))
        }
        return Basis(columns: columns, rows: rows)
    }

    /// Sets `basis` on `problem`, its extra rows basic, and says whether it has exactly one basic
    /// variable per row, as the simplex method needs. GLPK moves a nonbasic status its bounds do
    /// not allow to one they do (a free column's "lower" becomes free, a fixed one's fixed).
    @discardableResult
    static func apply(_ basis: Basis, to problem: OpaquePointer) -> Bool {
        let rowCount = Int(glp_get_num_rows(problem)), columnCount = Int(glp_get_num_cols(problem))
        guard basis.fits(columns: columnCount, rows: rowCount) else { return false }
        func code(_ status: Basis.Status) -> Int32 {
            switch status {
            case .basic: GLP_BS
            case .lower: GLP_NL
            case .upper: GLP_NU
            }
        }
        var basic = 0
        for row in 0 ..< rowCount {
            let status = row < basis.rows.count ? basis.rows[row] : .basic
            if status == .basic { basic += 1 }
            glp_set_row_stat(problem, Int32(row + 1), code(status))
        }
        for column in 0 ..< columnCount {
            if basis.columns[column] == .basic { basic += 1 }
            glp_set_col_stat(problem, Int32(column + 1), code(basis.columns[column]))
        }
        return basic == rowCount
    }
}

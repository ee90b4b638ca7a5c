import CGLPK
import LinearProgramming

/// Moves programs into and out of GLPK problem objects.
///
/// Every function here must run on one thread together with the deletion of the problem it
/// touches: GLPK keeps its memory per thread and aborts when a problem crosses threads.
enum GLPKProblem {
    /// GLPK's own limits (`M_MAX`, `N_MAX`, `NNZ_MAX`); beyond them it aborts.
    static let maximumRows = 100_000_000
    static let maximumColumns = 100_000_000
    static let maximumNonzeros = 500_000_000

    /// Problems GLPK would abort on that ``LinearProgram/validationErrors(limit:)`` does not know.
    static func sizeErrors(_ program: LinearProgram) -> [ModelError] {
        var errors: [ModelError] = []
        if program.rowCount > maximumRows {
            errors.append(ModelError(code: .tooLarge, message: "The program has \(program.rowCount) rows; GLPK accepts at most \(maximumRows)."))
        }
        if program.columnCount > maximumColumns {
            errors.append(ModelError(code: .tooLarge, message: "The program has \(program.columnCount) columns; GLPK accepts at most \(maximumColumns)."))
        }
        if program.nonzeroCount > maximumNonzeros {
            errors.append(ModelError(code: .tooLarge, message: "The program has \(program.nonzeroCount) nonzeros; GLPK accepts at most \(maximumNonzeros)."))
        }
        return errors
    }

    /// A new GLPK problem holding `program`, which must have passed validation. The caller
    /// deletes it with `glp_delete_prob` on the same thread.
    ///
    /// `omittingFreeRows` leaves out rows without bounds, which constrain nothing: for the file
    /// writers, which drop them (LP) or write the first in place of the objective (MPS).
    static func make(_ program: LinearProgram, omittingFreeRows: Bool = false) -> OpaquePointer {
        let problem = glp_create_prob()!
        if !program.name.isEmpty { glp_set_prob_name(problem, program.name) }
        if !program.objectiveName.isEmpty { glp_set_obj_name(problem, program.objectiveName) }
        glp_set_obj_dir(problem, program.sense == .maximize ? GLP_MAX : GLP_MIN)
        glp_set_obj_coef(problem, 0, program.objectiveConstant)

        let rows = (0 ..< program.rowCount).filter { row in
            !omittingFreeRows || program.rowLowerBounds[row].isFinite || program.rowUpperBounds[row].isFinite
        }
        // glp_add_cols and glp_add_rows abort when asked for zero.
        if program.columnCount > 0 { glp_add_cols(problem, Int32(program.columnCount)) }
        if !rows.isEmpty { glp_add_rows(problem, Int32(rows.count)) }

        for column in 0 ..< program.columnCount {
            let j = Int32(column + 1)
            let name = program.columnNames[column]
            if !name.isEmpty { glp_set_col_name(problem, j, name) }
            let (type, lower, upper) = boundType(lower: program.columnLowerBounds[column], upper: program.columnUpperBounds[column])
            glp_set_col_bnds(problem, j, type, lower, upper)
            // GLP_BV would reset the bounds to [0, 1]; an integer column keeps a fixed binary fixed.
            if program.columnKinds[column] != .continuous { glp_set_col_kind(problem, j, GLP_IV) }
            glp_set_obj_coef(problem, j, program.objectiveCoefficients[column])
        }
        for (index, row) in rows.enumerated() {
            let i = Int32(index + 1)
            let name = program.rowNames[row]
            if !name.isEmpty { glp_set_row_name(problem, i, name) }
            let (type, lower, upper) = boundType(lower: program.rowLowerBounds[row], upper: program.rowUpperBounds[row])
            glp_set_row_bnds(problem, i, type, lower, upper)
        }
        loadMatrix(program, rows: rows, into: problem)
        return problem
    }

    /// Hands the whole matrix to GLPK in one call; its arrays are 1-based.
    private static func loadMatrix(_ program: LinearProgram, rows: [Int], into problem: OpaquePointer) {
        var rowIndices: [Int32] = [0], columnIndices: [Int32] = [0], values: [Double] = [0]
        rowIndices.reserveCapacity(program.nonzeroCount + 1)
        columnIndices.reserveCapacity(program.nonzeroCount + 1)
        values.reserveCapacity(program.nonzeroCount + 1)
        for (index, row) in rows.enumerated() {
            for entry in program.entryRange(ofRow: row) where program.entryCoefficients[entry] != 0 {
                rowIndices.append(Int32(index + 1))
                columnIndices.append(Int32(program.entryColumns[entry] + 1))
                values.append(program.entryCoefficients[entry])
            }
        }
        glp_load_matrix(problem, Int32(values.count - 1), rowIndices, columnIndices, values)
    }

    /// GLPK's bound type for a validated bound pair. Equal bounds must become `GLP_FX`: GLPK
    /// rejects a `GLP_DB` pair with `lower >= upper`.
    static func boundType(lower: Double, upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): (GLP_FR, 0, 0)
        case (true, false): (GLP_LO, lower, 0)
        case (false, true): (GLP_UP, 0, upper)
        case (true, true): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    /// The program held by a GLPK problem (one read from a file, say).
    static func program(of problem: OpaquePointer) -> LinearProgram {
        let text = { (pointer: UnsafePointer<CChar>?) in pointer.map { String(cString: $0) } ?? "" }
        var program = LinearProgram(
            name: text(glp_get_prob_name(problem)),
            sense: glp_get_obj_dir(problem) == GLP_MAX ? .maximize : .minimize,
            objectiveConstant: glp_get_obj_coef(problem, 0),
            objectiveName: text(glp_get_obj_name(problem))
        )
        let columnCount = Int(glp_get_num_cols(problem)), rowCount = Int(glp_get_num_rows(problem))
        program.reserveCapacity(columns: columnCount, rows: rowCount, nonzeros: Int(glp_get_num_nz(problem)))
        for j in Int32(1) ..< Int32(columnCount + 1) {
            let (lower, upper) = bounds(type: glp_get_col_type(problem, j), lower: glp_get_col_lb(problem, j), upper: glp_get_col_ub(problem, j))
            let kind: VariableKind = switch glp_get_col_kind(problem, j) {
            case GLP_BV: .binary
            case GLP_IV: .integer
            default: .continuous
            }
            program.addColumn(name: text(glp_get_col_name(problem, j)), lower: lower, upper: upper, kind: kind, objective: glp_get_obj_coef(problem, j))
        }
        var indices = [Int32](repeating: 0, count: columnCount + 1)
        var values = [Double](repeating: 0, count: columnCount + 1)
        for i in Int32(1) ..< Int32(rowCount + 1) {
            let count = Int(glp_get_mat_row(problem, i, &indices, &values))
            let (lower, upper) = bounds(type: glp_get_row_type(problem, i), lower: glp_get_row_lb(problem, i), upper: glp_get_row_ub(problem, i))
            program.addRow(
                name: text(glp_get_row_name(problem, i)),
                columns: indices[1 ..< count + 1].map { Int($0) - 1 },
                coefficients: Array(values[1 ..< count + 1]),
                lower: lower,
                upper: upper
            )
        }
        return program
    }

    private static func bounds(type: Int32, lower: Double, upper: Double) -> (Double, Double) {
        switch type {
        case GLP_LO: (lower, .infinity)
        case GLP_UP: (-.infinity, upper)
        case GLP_DB: (lower, upper)
        case GLP_FX: (lower, lower)
        default: (-.infinity, .infinity)
        }
    }
}

import CGLPK

/// A return code of `glp_simplex` or `glp_intopt`, with GLPK's name for it and its meaning.
struct GLPKReturnCode: RawRepresentable, Hashable, CustomStringConvertible {
    let rawValue: Int32

    static let success = GLPKReturnCode(rawValue: 0)
    static let invalidBasis = GLPKReturnCode(rawValue: GLP_EBADB)
    static let singularMatrix = GLPKReturnCode(rawValue: GLP_ESING)
    static let illConditionedMatrix = GLPKReturnCode(rawValue: GLP_ECOND)
    static let invalidBounds = GLPKReturnCode(rawValue: GLP_EBOUND)
    static let solverFailure = GLPKReturnCode(rawValue: GLP_EFAIL)
    static let objectiveLowerLimit = GLPKReturnCode(rawValue: GLP_EOBJLL)
    static let objectiveUpperLimit = GLPKReturnCode(rawValue: GLP_EOBJUL)
    static let iterationLimit = GLPKReturnCode(rawValue: GLP_EITLIM)
    static let timeLimit = GLPKReturnCode(rawValue: GLP_ETMLIM)
    static let noPrimalFeasible = GLPKReturnCode(rawValue: GLP_ENOPFS)
    static let noDualFeasible = GLPKReturnCode(rawValue: GLP_ENODFS)
    static let rootNotOptimal = GLPKReturnCode(rawValue: GLP_EROOT)
    static let stopped = GLPKReturnCode(rawValue: GLP_ESTOP)
    static let gapReached = GLPKReturnCode(rawValue: GLP_EMIPGAP)
    static let noFeasible = GLPKReturnCode(rawValue: GLP_ENOFEAS)
    static let noConvergence = GLPKReturnCode(rawValue: GLP_ENOCVG)
    static let instability = GLPKReturnCode(rawValue: GLP_EINSTAB)
    static let invalidData = GLPKReturnCode(rawValue: GLP_EDATA)
    static let outOfRange = GLPKReturnCode(rawValue: GLP_ERANGE)

    private static let table: [Int32: (name: String, sentence: String)] = [
        0: ("0", "GLPK finished normally."),
        GLP_EBADB: ("GLP_EBADB", "The initial basis is invalid."),
        GLP_ESING: ("GLP_ESING", "The basis matrix became singular within working precision."),
        GLP_ECOND: ("GLP_ECOND", "The basis matrix is too ill-conditioned to go on."),
        GLP_EBOUND: ("GLP_EBOUND", "Some double-bounded variable has incorrect bounds, or an integer variable a non-integral bound."),
        GLP_EFAIL: ("GLP_EFAIL", "The solver failed, usually for numerical reasons."),
        GLP_EOBJLL: ("GLP_EOBJLL", "The objective reached its lower limit."),
        GLP_EOBJUL: ("GLP_EOBJUL", "The objective reached its upper limit."),
        GLP_EITLIM: ("GLP_EITLIM", "The simplex iteration limit was exceeded."),
        GLP_ETMLIM: ("GLP_ETMLIM", "The time limit was exceeded."),
        GLP_ENOPFS: ("GLP_ENOPFS", "The presolver found that the problem has no primal feasible solution."),
        GLP_ENODFS: ("GLP_ENODFS", "The presolver found that the problem has no dual feasible solution, so it is unbounded or infeasible."),
        GLP_EROOT: ("GLP_EROOT", "The search could not start: no optimal basis of the LP relaxation was provided."),
        GLP_ESTOP: ("GLP_ESTOP", "The search was stopped by the application."),
        GLP_EMIPGAP: ("GLP_EMIPGAP", "The search stopped because the relative MIP gap tolerance was reached."),
        GLP_ENOFEAS: ("GLP_ENOFEAS", "The problem has no primal or dual feasible solution."),
        GLP_ENOCVG: ("GLP_ENOCVG", "The interior-point method did not converge."),
        GLP_EINSTAB: ("GLP_EINSTAB", "The solver ran into numerical instability."),
        GLP_EDATA: ("GLP_EDATA", "The problem data are invalid."),
        GLP_ERANGE: ("GLP_ERANGE", "A result is out of range."),
    ]

    /// GLPK's symbolic name, such as `GLP_ETMLIM`.
    var name: String { Self.table[rawValue]?.name ?? "GLPK code \(rawValue)" }

    /// What the code means, as a sentence.
    var sentence: String { Self.table[rawValue]?.sentence ?? "GLPK returned the unknown code \(rawValue)." }

    /// The sentence with the code's name, such as "The time limit was exceeded (GLP_ETMLIM)."
    var explanation: String { "\(sentence.dropLast()) (\(name))." }

    var description: String { explanation }
}

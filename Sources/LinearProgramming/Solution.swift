/// Why a solve ended. Only the cases with ``hasSolution`` true come with primal values.
public enum TerminationStatus: Sendable, Hashable, CustomStringConvertible {
    /// The solution is optimal (within the solver's tolerances).
    case optimal
    /// The search stopped because the relative gap fell to ``SolveOptions/relativeGap``;
    /// the solution is feasible and within that gap of the optimum.
    case gapLimit
    /// The time limit ran out; `hasSolution` tells whether a feasible solution was found.
    case timeLimit(hasSolution: Bool)
    /// ``CancellationToken/cancel()`` stopped the solve; `hasSolution` as for `timeLimit`.
    case cancelled(hasSolution: Bool)
    /// No point satisfies all constraints and integrality requirements.
    case infeasible
    /// Feasible, with an objective that improves without limit.
    case unbounded
    /// The LP relaxation is unbounded: the program is unbounded if it has any integer-feasible
    /// point, and infeasible otherwise; the solver did not tell which.
    case infeasibleOrUnbounded
    /// The solver rejected the model although validation passed (a solver's own check).
    case invalidModel
    /// The solver gave up on numerical grounds (a singular or ill-conditioned basis).
    case numericalTrouble
    /// Any other failure, named by the solver's code.
    case solverError(String)

    /// Whether the solve returns a feasible point.
    public var hasSolution: Bool {
        switch self {
        case .optimal, .gapLimit: true
        case .timeLimit(let hasSolution), .cancelled(let hasSolution): hasSolution
        case .infeasible, .unbounded, .infeasibleOrUnbounded, .invalidModel, .numericalTrouble, .solverError: false
        }
    }

    public var description: String {
        switch self {
        case .optimal: "optimal"
        case .gapLimit: "gap limit reached"
        case .timeLimit(let hasSolution): hasSolution ? "time limit reached with a solution" : "time limit reached without a solution"
        case .cancelled(let hasSolution): hasSolution ? "cancelled with a solution" : "cancelled without a solution"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        case .infeasibleOrUnbounded: "infeasible or unbounded"
        case .invalidModel: "invalid model"
        case .numericalTrouble: "numerical trouble"
        case .solverError(let code): "solver error \(code)"
        }
    }
}

/// What became of ``SolveOptions/startingSolution``.
public enum StartingSolutionOutcome: Sendable, Hashable {
    /// The solver took it as its incumbent.
    case accepted
    /// The solver already had an incumbent at least as good.
    case notImproving
    /// It violates a bound, a row or integrality (the sentence says which), so it was not offered.
    case rejected(String)
    /// The search ended before the solver asked for heuristic solutions (for example because
    /// the LP relaxation was already integral, or a limit struck first).
    case unused
}

/// The result of a solve: a status, and a point when the status has one.
public struct Solution: Sendable {
    public var status: TerminationStatus
    /// A sentence explaining the status, with the solver's own code where there is one.
    public var detail: String
    /// One value per column when ``TerminationStatus/hasSolution``; otherwise empty.
    public var values: [Double]
    /// The objective at ``values``, constant included; nil without a solution.
    public var objectiveValue: Double?
    /// The best proven bound on the optimum: a lower bound when minimizing, an upper bound when
    /// maximizing. Equals ``objectiveValue`` when optimal; nil when nothing was proven.
    public var bestBound: Double?
    /// `|bestBound - objectiveValue| / max(1, |objectiveValue|)`: 0 when optimal, nil unless both
    /// are known. Never larger than the solver's own gap measure when `|objectiveValue| >= 1`.
    public var relativeGap: Double?
    /// Wall-clock seconds from the call to its return.
    public var seconds: Double
    /// The solver's name and version, such as "GLPK 5.0".
    public var solverName: String
    /// Simplex iterations, when the solver reports them.
    public var simplexIterations: Int?
    /// Branch-and-bound nodes, for integer programs.
    public var nodes: Int?
    /// What became of the starting solution; nil when none was given.
    public var startingSolution: StartingSolutionOutcome?
    /// One dual value per row for an optimal LP, when the method gives them (a relaxation
    /// session's simplex method does); otherwise empty. With ``LinearProgram/dualBound(rowDuals:)``
    /// they prove a bound on the optimum.
    public var rowDuals: [Double]
    /// The optimal basis of the LP (for branch and cut, of the root's relaxation), when the
    /// method has one; it can start a solve of a similar program (`SolveOptions.startingBasis`).
    public var basis: Basis?

    public init(
        status: TerminationStatus,
        detail: String,
        values: [Double] = [],
        objectiveValue: Double? = nil,
        bestBound: Double? = nil,
        seconds: Double,
        solverName: String,
        simplexIterations: Int? = nil,
        nodes: Int? = nil,
        startingSolution: StartingSolutionOutcome? = nil,
        rowDuals: [Double] = [],
        basis: Basis? = nil
    ) {
        self.rowDuals = rowDuals
        self.basis = basis
        self.status = status
        self.detail = detail
        self.values = values
        self.objectiveValue = objectiveValue
        self.bestBound = bestBound
        self.relativeGap = Self.relativeGap(objective: objectiveValue, bound: bestBound)
        self.seconds = seconds
        self.solverName = solverName
        self.simplexIterations = simplexIterations
        self.nodes = nodes
        self.startingSolution = startingSolution
    }

    /// `|bound - objective| / max(1, |objective|)`, or nil unless both are known.
    ///
    /// The `max(1, ...)` keeps the gap defined at an objective of 0 and makes it an absolute gap
    /// for objectives below 1 in magnitude.
    public static func relativeGap(objective: Double?, bound: Double?) -> Double? {
        guard let objective, let bound, objective.isFinite, bound.isFinite else { return nil }
        return abs(bound - objective) / max(1, abs(objective))
    }
}

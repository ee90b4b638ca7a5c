import Synchronization

/// A flag that asks a running solve to stop, shared between the caller and the solver.
///
/// Cancelling is a request: the solver checks the flag at its next opportunity and returns a
/// ``Solution`` with status ``TerminationStatus/cancelled(hasSolution:)``, keeping the best
/// integer solution found so far.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks every solve holding this token to stop. Safe from any thread; idempotent.
    public func cancel() {
        flag.store(true, ordering: .releasing)
    }

    public var isCancelled: Bool {
        flag.load(ordering: .acquiring)
    }
}

/// A snapshot of a running branch-and-bound search.
public struct SolveProgress: Sendable, Hashable {
    /// The objective of the best integer solution so far.
    public var incumbent: Double?
    /// The best proven bound on the optimum (a lower bound when minimizing, upper when maximizing).
    public var bestBound: Double?
    /// `|bestBound - incumbent| / max(1, |incumbent|)` when both are known.
    public var relativeGap: Double?
    /// Seconds since the solve started.
    public var elapsedSeconds: Double
    /// Branch-and-bound nodes created so far.
    public var nodes: Int

    public init(incumbent: Double?, bestBound: Double?, relativeGap: Double?, elapsedSeconds: Double, nodes: Int) {
        self.incumbent = incumbent
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.elapsedSeconds = elapsedSeconds
        self.nodes = nodes
    }
}

/// How branch and bound picks the variable to branch on.
public enum BranchingRule: String, Sendable, CaseIterable {
    /// The solver's own default (GLPK: Driebeck and Tomlin's heuristic).
    case solverDefault
    /// The first fractional variable.
    case firstFractional
    /// The most fractional variable.
    case mostFractional
    /// Pseudo-costs learnt from earlier branchings: slower per node, usually far fewer nodes.
    case pseudoCost
}

/// Which families of cutting planes branch and cut may add.
public struct CutFamilies: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let gomory = CutFamilies(rawValue: 1 << 0)
    public static let mixedIntegerRounding = CutFamilies(rawValue: 1 << 1)
    public static let cover = CutFamilies(rawValue: 1 << 2)
    public static let clique = CutFamilies(rawValue: 1 << 3)
    /// {0, 1/2}-Chvátal-Gomory cuts (``ZeroHalfCuts``). GLPK has none of its own: a solver
    /// ignores this member; the planner's search adds them to the relaxation before branch and cut.
    public static let zeroHalf = CutFamilies(rawValue: 1 << 4)
    public static let all: CutFamilies = [.gomory, .mixedIntegerRounding, .cover, .clique, .zeroHalf]
}

/// How to run one solve.
public struct SolveOptions: Sendable {
    /// Wall-clock limit for the whole solve (LP relaxation and search); nil for none.
    public var timeLimit: Duration?
    /// Stop the search once the solver's relative gap falls to this value (0 proves optimality).
    /// GLPK measures it as `|bound - incumbent| / (|incumbent| + DBL_EPSILON)`.
    public var relativeGap: Double
    /// Whether to simplify the LP before the simplex method. A presolved simplex run cannot be
    /// resumed, so cancellation then waits until the LP relaxation is solved; without presolve
    /// the simplex method runs in short slices with a cancellation check between them.
    public var presolve: Bool
    /// A complete integer-feasible point (one value per column) offered to the search as a
    /// first incumbent. It is checked first; an infeasible one is reported, not used.
    public var startingSolution: [Double]?
    /// Checked by the solver while it runs; see ``CancellationToken``.
    public var cancellation: CancellationToken?
    /// Called from the solver's thread during the branch-and-bound search: at its start, on
    /// every new incumbent, and otherwise at most every ``progressInterval``. Keep it short (the
    /// search waits for it) and do not start another solve from it.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// The least time between two progress reports that bring no new incumbent.
    public var progressInterval: Duration
    /// When every feasible point's objective is a whole multiple of this step (1 when all
    /// objective coefficients and the constant are integers and every column is integer), a bound
    /// less than one step from the incumbent proves it optimal, and the search stops there with
    /// status ``TerminationStatus/optimal``. Nil for no such knowledge.
    public var objectiveStep: Double?
    /// How branch and bound chooses where to branch.
    public var branching: BranchingRule
    /// The cutting planes branch and cut may add; none by default.
    public var cuts: CutFamilies
    /// A basis to start the LP (or the root's relaxation) from, as a solution of a similar program
    /// left it (`Solution.basis`); it replaces the presolver. Ignored when it does not fit.
    public var startingBasis: Basis?

    public init(
        timeLimit: Duration? = nil,
        relativeGap: Double = 0,
        presolve: Bool = false,
        startingSolution: [Double]? = nil,
        cancellation: CancellationToken? = nil,
        progressInterval: Duration = .seconds(1),
        objectiveStep: Double? = nil,
        branching: BranchingRule = .solverDefault,
        cuts: CutFamilies = [],
        startingBasis: Basis? = nil,
        progress: (@Sendable (SolveProgress) -> Void)? = nil
    ) {
        self.startingBasis = startingBasis
        self.objectiveStep = objectiveStep
        self.branching = branching
        self.cuts = cuts
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.startingSolution = startingSolution
        self.cancellation = cancellation
        self.progressInterval = progressInterval
        self.progress = progress
    }

    /// Everything out of range in these options for `program`; empty when they can be used.
    public func validationErrors(for program: LinearProgram) -> [String] {
        var problems: [String] = []
        if let timeLimit, timeLimit < .zero {
            problems.append("The time limit is negative (\(timeLimit)).")
        }
        if !(relativeGap >= 0 && relativeGap.isFinite) {
            problems.append("The relative gap is \(relativeGap); it must be a finite number of at least 0.")
        }
        if let objectiveStep, !(objectiveStep > 0 && objectiveStep.isFinite) {
            problems.append("The objective step is \(objectiveStep); it must be a positive finite number.")
        }
        if progressInterval < .zero {
            problems.append("The progress interval is negative (\(progressInterval)).")
        }
        if let start = startingSolution {
            if start.count != program.columnCount {
                problems.append("The starting solution has \(start.count) values, but the program has \(program.columnCount) columns.")
            } else if let index = start.firstIndex(where: { !$0.isFinite }) {
                problems.append("The starting solution's value for column \(index) is \(start[index]); it must be a finite number.")
            }
        }
        return problems
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

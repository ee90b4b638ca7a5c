import LinearProgramming

/// How long and how hard one search runs: what its caller asks of this search.
public struct SearchOptions: Sendable {
    /// Wall-clock limit for the search; nil for none.
    public var timeLimit: Duration?
    /// Stop once the point is proven within this relative gap of the best (0: prove optimality).
    public var relativeGap: Double
    public var cancellation: CancellationToken?
    /// Called from the solver's thread with the incumbent and bound during a long search.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// How the final branch and cut, when the search needs one, chooses where to branch.
    public var branching: BranchingRule
    /// The cutting planes the final branch and cut may add.
    public var cuts: CutFamilies

    public init(
        timeLimit: Duration? = nil, relativeGap: Double = 0, cancellation: CancellationToken? = nil,
        branching: BranchingRule = .pseudoCost, cuts: CutFamilies = .all,
        progress: (@Sendable (SolveProgress) -> Void)? = nil
    ) {
        self.branching = branching
        self.cuts = cuts
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.cancellation = cancellation
        self.progress = progress
    }
}

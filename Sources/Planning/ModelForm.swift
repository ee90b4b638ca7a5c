import MIPSearch

/// Which program the planner builds; the defaults are what it ships with, the plain forms are kept
/// to test one against another.
struct ModelForm: Sendable {
    var poolsOfficers = true
    var poolsInterpreters = true
}

/// How the planner turns points of a large program's relaxation into plans (`HearingRounding`).
struct RoundingSettings: Sendable {
    /// After the local search, `SubprogramSearch` improves the plan further.
    var subprograms = true
    /// The share of the rounding's time the local search gets when subprograms follow it.
    var localSearchShare = 0.5
}

/// When re-planning searches near the published plan instead of the whole program.
struct ReplanSettings: Sendable {
    /// Above this many nonzeros, search near the baseline (`ReplanNeighbourhood`) instead of the
    /// whole program: where GLPK's simplex method is too slow for the whole relaxation.
    var neighbourhoodAbove = SearchSettings().simplexLimit
    /// Above this many candidates (`Planner.candidateCount`) the whole program is not even built,
    /// and the search is near the baseline. Far above the size where the whole program has
    /// `neighbourhoodAbove` nonzeros.
    var wholeProgramCandidates = 1_000_000
}

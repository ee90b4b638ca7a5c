/// How the search works, calibrated for GLPK on this kind of program: which techniques run, and
/// the sizes at which one gives way to another. These are properties of the solver and the
/// machine, not of one search, and the figures behind each default are in docs/performance.md.
public struct SearchSettings: Sendable {
    /// Above this many nonzeros the relaxation is solved by `FirstOrderRelaxation`: GLPK's simplex
    /// method takes about 5 s for 40,000 (500 hearings), 20 s for 110,000 and minutes for 380,000,
    /// where the first-order method takes under a second to a few. Below, the simplex method's
    /// vertex is the better start for the dive.
    public var simplexLimit = 60_000
    /// GLPK's simplex time on a program's relaxation, modelled as growing with the square of its
    /// nonzeros: `simplexReferenceSeconds` at `simplexReferenceNonzeros` (measured on generated
    /// weeks: 0.4 s for 13,000 nonzeros, 21 s for 110,000, minutes for 380,000).
    public var simplexReferenceSeconds = 21.0
    public var simplexReferenceNonzeros = 110_000.0
    /// Dive on the LP relaxation for a first point (and maybe its proof) before branch and cut.
    public var dives = true
    /// Above this many nonzeros, a point the cuts' bound does not prove is searched for by
    /// `ProximitySearch` before branch and cut; below, branch and cut closes the gap itself (the
    /// 200-hearing week in 1 s).
    public var proximityAbove = 60_000
    /// Above this many nonzeros pseudo-cost branching gives way to GLPK's default rule: its start-up
    /// estimates every fractional column with one LP each and does not look at the time limit
    /// meanwhile (100 s for 733 columns on the 1,000-hearing week, past the limit).
    public var pseudoCostAbove = 60_000
    /// The cores the search and its caller's work may use (`Parallel`).
    public var cores = 1

    public init() {}

    /// The defaults, with `cores` cores.
    public static func standard(cores: Int) -> SearchSettings {
        var settings = SearchSettings()
        settings.cores = max(1, cores)
        return settings
    }

    /// About how long GLPK's simplex method takes on the relaxation of a program this size.
    public func simplexSeconds(nonzeros: Int) -> Double {
        simplexReferenceSeconds * (Double(nonzeros) / simplexReferenceNonzeros) * (Double(nonzeros) / simplexReferenceNonzeros)
    }
}

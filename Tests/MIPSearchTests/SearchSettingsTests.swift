import GLPKSolver
import LinearProgramming
import Logging
import MIPSearch
import Testing

/// The calibrations of `SearchSettings`, where the search changes technique.
@Suite("Search settings")
struct SearchSettingsTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Pseudo-cost branching's start-up ignores the time limit: above the simplex method's size
    /// branch and cut uses GLPK's default rule; other rules are kept.
    @Test func largeProgramsDoNotBranchByPseudoCost() {
        let limit = SearchSettings().pseudoCostAbove
        var large = LinearProgram(name: "large", sense: .maximize)
        for _ in 0 ... limit { large.addColumn(kind: .binary, objective: 1) }
        large.addRow(columns: Array(0 ... limit), coefficients: Array(repeating: 1, count: limit + 1), upper: 1)
        var small = LinearProgram(name: "small", sense: .maximize)
        small.addColumn(kind: .binary, objective: 1)
        let search = Search(solver: GLPKSolver(logger: Self.logger), logger: Self.logger)
        #expect(search.branching(.pseudoCost, for: large) == .solverDefault)
        #expect(search.branching(.mostFractional, for: large) == .mostFractional)
        #expect(search.branching(.pseudoCost, for: small) == .pseudoCost)
    }

    /// The simplex method's time grows with the square of the nonzeros: 21 s at 110,000.
    @Test func simplexTimeModel() {
        let settings = SearchSettings()
        #expect(abs(settings.simplexSeconds(nonzeros: 110_000) - 21) < 1e-9)
        #expect(abs(settings.simplexSeconds(nonzeros: 220_000) - 84) < 1e-9)
        #expect(settings.simplexSeconds(nonzeros: 0) == 0)
    }
}

import GLPKSolver
import LinearProgramming
import Testing

/// A program with one mistake, and the error it must produce.
struct InvalidCase: Sendable, CustomStringConvertible {
    let description: String
    let code: ModelError.Code
    let program: LinearProgram

    init(_ description: String, _ code: ModelError.Code, _ build: (inout LinearProgram, Int, Int) -> Void) {
        var program = LinearProgram(name: "invalid")
        let x = program.addColumn(name: "x", upper: 10, objective: 1)
        let y = program.addColumn(name: "y", upper: 10, objective: 1)
        build(&program, x, y)
        self.description = description
        self.code = code
        self.program = program
    }
}

/// Invalid programs come back as errors; none reaches GLPK, which would abort the process.
@Suite struct ValidationTests {
    static let cases: [InvalidCase] = [
        InvalidCase("NaN coefficient", .nonFiniteNumber) { p, x, y in p.addRow(terms: [(x, .nan), (y, 1)], upper: 1) },
        InvalidCase("infinite coefficient", .nonFiniteNumber) { p, x, _ in p.addRow(terms: [(x, .infinity)], upper: 1) },
        InvalidCase("NaN objective coefficient", .nonFiniteNumber) { p, x, _ in p.setObjectiveCoefficient(.nan, ofColumn: x) },
        InvalidCase("infinite objective constant", .nonFiniteNumber) { p, _, _ in p.objectiveConstant = .infinity },
        InvalidCase("NaN row bound", .nonFiniteNumber) { p, x, _ in p.addRow(terms: [(x, 1)], lower: .nan) },
        InvalidCase("column index past the end", .columnOutOfRange) { p, x, _ in p.addRow(terms: [(x, 1), (2, 1)], upper: 1) },
        InvalidCase("negative column index", .columnOutOfRange) { p, _, _ in p.addRow(terms: [(-1, 1)], upper: 1) },
        InvalidCase("column named twice in a row", .duplicateColumn) { p, x, y in p.addRow(terms: [(x, 1), (y, 1), (x, 2)], upper: 1) },
        InvalidCase("column lower above upper", .invalidBounds) { p, x, _ in p.setBounds(ofColumn: x, lower: 3, upper: 2) },
        InvalidCase("row lower above upper", .invalidBounds) { p, x, _ in p.addRow(terms: [(x, 1)], lower: 5, upper: 4) },
        InvalidCase("lower bound +infinity", .invalidBounds) { p, x, _ in p.setBounds(ofColumn: x, lower: .infinity, upper: .infinity) },
        InvalidCase("upper bound -infinity", .invalidBounds) { p, x, _ in p.addRow(terms: [(x, 1)], lower: -.infinity, upper: -.infinity) },
        InvalidCase("binary with upper bound 2", .binaryBoundsOutsideUnitInterval) { p, _, _ in p.addColumn(name: "b", upper: 2, kind: .binary) },
        InvalidCase("binary with lower bound -1", .binaryBoundsOutsideUnitInterval) { p, _, _ in p.addColumn(name: "b", lower: -1, kind: .binary) },
        InvalidCase("integer with fractional bound", .nonIntegralBound) { p, _, _ in p.addColumn(name: "i", lower: 0.5, upper: 3, kind: .integer) },
        InvalidCase("name longer than 255 bytes", .invalidName) { p, _, _ in p.addColumn(name: String(repeating: "n", count: 256)) },
        InvalidCase("row name with a newline", .invalidName) { p, x, _ in p.addRow(name: "two\nlines", terms: [(x, 1)], upper: 1) },
        InvalidCase("column name with a space", .invalidName) { p, _, _ in p.addColumn(name: "has space") },
        InvalidCase("program name with a tab", .invalidName) { p, _, _ in p.name = "a\tb" },
    ]

    @Test(arguments: cases)
    func invalidProgramIsRejected(_ invalid: InvalidCase) throws {
        let errors = invalid.program.validationErrors()
        #expect(errors.map(\.code) == [invalid.code], "\(errors)")

        let error = try #require(throws: SolveError.self) { try quietSolver().solve(invalid.program) }
        #expect(error.code == .invalidModel)
        #expect(error.modelErrors.map(\.code) == [invalid.code])
        #expect(!error.message.isEmpty)
    }

    @Test func exportRejectsInvalidProgramsToo() throws {
        let invalid = Self.cases[0]
        let error = try #require(throws: SolveError.self) {
            try quietSolver().export(invalid.program, format: .cplexLP, to: "/tmp/never-written.lp")
        }
        #expect(error.code == .invalidModel)
    }

    @Test func asyncSolveThrowsTheSameError() async throws {
        let invalid = Self.cases[0]
        await #expect(throws: SolveError.self) { try await quietSolver().solve(invalid.program, options: SolveOptions()) }
    }

    @Test func errorsAreCappedAndLocated() {
        var program = LinearProgram()
        let x = program.addColumn(name: "x")
        for _ in 0 ..< 500 { program.addRow(terms: [(x, .nan)], upper: 1) }
        let errors = program.validationErrors(limit: 10)
        #expect(errors.count == 10)
        #expect(errors.first?.row == 0)
        #expect(errors.first?.column == x)
    }

    @Test func validProgramsHaveNoErrors() {
        for fixture in Fixtures.knownOptima {
            #expect(fixture.program.validationErrors().isEmpty, "\(fixture.name)")
        }
    }

    @Test(arguments: [
        ("negative time limit", SolveOptions(timeLimit: .seconds(-1))),
        ("NaN gap", SolveOptions(relativeGap: .nan)),
        ("negative gap", SolveOptions(relativeGap: -0.1)),
        ("starting solution too short", SolveOptions(startingSolution: [1])),
        ("starting solution with NaN", SolveOptions(startingSolution: [1, 0, .nan, 0, 1])),
    ])
    func invalidOptionsAreRejected(_ name: String, _ options: SolveOptions) throws {
        let error = try #require(throws: SolveError.self) { try quietSolver().solve(Fixtures.knapsack.program, options: options) }
        #expect(error.code == .invalidOptions, "\(name)")
    }

    @Test func portableNames() {
        #expect(LinearProgram.isPortableName("x_h12(s3)"))
        #expect(!LinearProgram.isPortableName(""))
        #expect(!LinearProgram.isPortableName("1x"))
        #expect(!LinearProgram.isPortableName("x[1]"))
        #expect(!LinearProgram.isPortableName("Zoë"))
    }
}

import Foundation
import GLPKSolver
import LinearProgramming
import Logging
import Testing

@Suite struct ExportTests {
    static func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("glpk-\(UUID().uuidString).\(suffix)").path
    }

    @Test(arguments: [ModelFileFormat.cplexLP, .mps], [Fixtures.knapsack, Fixtures.everyRowKind, Fixtures.negativeIntegers])
    func exportedFileReadsBackToAnEquivalentProgram(format: ModelFileFormat, fixture: KnownOptimum) throws {
        let solver = quietSolver()
        let path = Self.temporaryPath(format == .mps ? "mps" : "lp")
        defer { try? FileManager.default.removeItem(atPath: path) }

        try solver.export(fixture.program, format: format, to: path)

        let text = try String(contentsOfFile: path, encoding: .utf8)
        for name in fixture.program.columnNames { #expect(text.contains(name), "\(name) missing from \(format)") }
        var read = try solver.readProgram(from: path, format: format)
        let original = fixture.program
        // LP files may add a column per ranged row after the program's own.
        #expect(Array(read.columnNames.prefix(original.columnCount)) == original.columnNames)
        #expect(read.columnKinds.prefix(original.columnCount).map { $0 == .continuous } == original.columnKinds.map { $0 == .continuous })
        #expect(read.rowNames == original.rowNames.filter { $0 != "free" })

        // What each format loses, as `export` documents.
        var expected = fixture.objective
        switch format {
        case .cplexLP: expected -= original.objectiveConstant
        case .mps: read.sense = original.sense
        }
        let solution = try solver.solve(read)
        #expect(solution.status == .optimal)
        #expect(solution.objectiveValue.map { abs($0 - expected) <= 1e-7 } == true, "\(solution.objectiveValue ?? .nan) != \(expected)")
    }

    @Test func programsTheFormatsCannotHoldAreRefusedNotCrashed() throws {
        let solver = quietSolver()
        let path = Self.temporaryPath("out")
        defer { try? FileManager.default.removeItem(atPath: path) }
        // No rows: GLPK's LP file would not read back.
        let lp = try #require(throws: SolveError.self) { try solver.export(Fixtures.boundsOnly.program, format: .cplexLP, to: path) }
        #expect(lp.code == .fileError)
        // No rows and a column without any coefficient: GLPK's MPS writer would abort.
        var program = LinearProgram()
        program.addColumn(name: "idle")
        let mps = try #require(throws: SolveError.self) { try solver.export(program, format: .mps, to: path) }
        #expect(mps.code == .fileError)
        // Every column in the objective: MPS can hold it.
        try solver.export(Fixtures.boundsOnly.program, format: .mps, to: path)
        var read = try solver.readProgram(from: path, format: .mps)
        read.sense = .maximize
        #expect(try solver.solve(read).objectiveValue == Fixtures.boundsOnly.objective)
    }

    @Test func unwritablePathIsAnError() throws {
        let error = try #require(throws: SolveError.self) {
            try quietSolver().export(Fixtures.knapsack.program, format: .cplexLP, to: "/nonexistent-directory/model.lp")
        }
        #expect(error.code == .fileError)
        #expect(error.message.contains("/nonexistent-directory/model.lp"))
    }

    @Test(arguments: [ModelFileFormat.cplexLP, .mps])
    func unreadableFileIsAnError(format: ModelFileFormat) throws {
        let path = Self.temporaryPath("txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "this is not a model\n  at all ::: 3 <= <= x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: SolveError.self) { try quietSolver().readProgram(from: path, format: format) }
        #expect(error.code == .fileError)
        #expect(throws: SolveError.self) { try quietSolver().readProgram(from: path + ".missing", format: format) }
    }
}

@Suite struct LogTests {
    @Test func glpkOutputGoesToTheLoggerAtDebugLevel() throws {
        let recorder = LogRecorder()
        let solver = GLPKSolver(logger: recorder.logger(level: .debug))
        _ = try solver.solve(Fixtures.generalIntegers.program)
        let glpkLines = recorder.records.filter { $0.metadata["solver"] == "glpk" }
        #expect(!glpkLines.isEmpty)
        #expect(glpkLines.allSatisfy { !$0.message.contains("\n") })
    }

    /// A solve made while a relaxation session is open (the planner's rounding searches small
    /// programs inside the dive) hands GLPK's output back to the session when it ends: the
    /// session's later lines still reach the logger rather than standard output.
    @Test func aSolveInsideASessionLeavesTheSessionsOutputCaptured() throws {
        let recorder = LogRecorder()
        let solver = GLPKSolver(logger: recorder.logger(level: .debug))
        var program = Fixtures.coveringLP(rows: 30, columns: 80, perColumn: 4, seed: 5)
        let (afterNested, afterSecond) = try solver.withRelaxationSession { session in
            _ = try session.solve(program, options: SolveOptions())
            _ = try solver.solve(Fixtures.generalIntegers.program)
            let afterNested = recorder.records.count
            program.setBounds(ofColumn: 0, lower: 1, upper: 1)
            _ = try session.solve(program, options: SolveOptions())
            return (afterNested, recorder.records.count)
        }
        #expect(afterSecond > afterNested)
    }

    @Test func aNormalSolveLogsNothingAtInfoLevel() throws {
        let recorder = LogRecorder()
        let solver = GLPKSolver(logger: recorder.logger(level: .info))
        _ = try solver.solve(Fixtures.generalIntegers.program)
        _ = try solver.solve(StatusTests.infeasibleLP)
        #expect(recorder.records.isEmpty, "\(recorder.records.map(\.message))")
    }

    /// With cuts and pseudo-cost branching GLPK prints set-up lines whatever the message level;
    /// they are progress, logged at debug, not warnings a user sees.
    @Test func cutsAndPseudoCostsLogNothingAtInfoLevel() throws {
        let recorder = LogRecorder()
        let solver = GLPKSolver(logger: recorder.logger(level: .info))
        let (program, _) = Fixtures.randomKnapsack(items: 30, seed: 4)
        let solution = try solver.solve(program, options: SolveOptions(branching: .pseudoCost, cuts: .all))
        #expect(solution.status == .optimal)
        #expect(recorder.records.isEmpty, "\(recorder.records.map(\.message))")

        let debug = LogRecorder()
        _ = try GLPKSolver(logger: debug.logger(level: .debug)).solve(program, options: SolveOptions(branching: .pseudoCost, cuts: .all))
        #expect(debug.records.contains { $0.message.hasPrefix("Number of 0-1 knapsack inequalities") })
    }

    @Test func rejectedStartingSolutionIsLoggedAsAWarning() throws {
        let recorder = LogRecorder()
        let solver = GLPKSolver(logger: recorder.logger(level: .info))
        _ = try solver.solve(Fixtures.knapsack.program, options: SolveOptions(startingSolution: [1, 1, 1, 1, 1]))
        #expect(recorder.records.contains { $0.level == .warning && $0.message.contains("starting solution") })
    }
}

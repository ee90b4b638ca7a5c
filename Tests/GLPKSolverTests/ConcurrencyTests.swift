import Foundation
import GLPKSolver
import LinearProgramming
import Locking
import Synchronization
import Testing

/// Solves on several threads at once, and cancellation.
@Suite struct ConcurrencyTests {
    /// A safety net: if cancellation failed, the test ends with the wrong status instead of hanging.
    static let safetyLimit = Duration.seconds(20)

    @Test func concurrentSolvesGiveCorrectAnswers() async throws {
        let solver = quietSolver()
        let knapsacks = (UInt64(10) ..< 16).map { Fixtures.randomKnapsack(items: 35, seed: $0) }
        try await withThrowingTaskGroup(of: (Int, Solution).self) { group in
            // A time-limited hard search keeps one thread busy while the others run.
            group.addTask {
                (-1, try await solver.solve(Fixtures.parity(), options: SolveOptions(timeLimit: .milliseconds(500))))
            }
            for (index, knapsack) in knapsacks.enumerated() {
                group.addTask { (index, try await solver.solve(knapsack.program, options: SolveOptions())) }
            }
            for try await (index, solution) in group {
                if index < 0 {
                    #expect(solution.status == .timeLimit(hasSolution: false))
                } else {
                    #expect(solution.status == .optimal)
                    #expect(solution.objectiveValue.map { abs($0 - knapsacks[index].optimum) <= 1e-6 } == true)
                }
            }
        }
    }

    @Test func twoThreadsUsingTheSynchronousAPI() throws {
        let solver = quietSolver()
        let results = ResultBox()
        let done = DispatchGroup()
        for fixture in [Fixtures.assignment, Fixtures.everyRowKind] {
            done.enter()
            Thread {
                results.append(fixture.name, Result { try solver.solve(fixture.program) })
                done.leave()
            }.start()
        }
        done.wait()
        for (name, result) in results.all {
            let fixture = try #require(Fixtures.knownOptima.first { $0.name == name })
            let solution = try result.get()
            #expect(solution.objectiveValue.map { abs($0 - fixture.objective) <= 1e-7 } == true)
        }
        #expect(results.all.count == 2)
    }

    @Test func cancelledBeforeTheStart() throws {
        let token = CancellationToken()
        token.cancel()
        let solution = try quietSolver().solve(Fixtures.knapsack.program, options: SolveOptions(cancellation: token))
        #expect(solution.status == .cancelled(hasSolution: false))
        #expect(solution.values.isEmpty)
    }

    @Test func cancelledTaskBeforeTheStart() async throws {
        let task = Task {
            try await quietSolver().solve(Fixtures.parity(), options: SolveOptions(timeLimit: Self.safetyLimit))
        }
        task.cancel()
        let solution = try await task.value
        #expect(solution.status == .cancelled(hasSolution: false), "\(solution.detail)")
    }

    @Test func cancelledFromTheProgressCallbackDuringTheSearch() throws {
        let token = CancellationToken()
        let options = SolveOptions(timeLimit: Self.safetyLimit, cancellation: token) { _ in token.cancel() }
        let solution = try quietSolver().solve(Fixtures.parity(), options: options)
        #expect(solution.status == .cancelled(hasSolution: false), "\(solution.detail)")
    }

    @Test func cancellingTheTaskStopsARunningSearch() async throws {
        let (started, signal) = AsyncStream.makeStream(of: SolveProgress.self)
        let program = Fixtures.parity(slack: true)
        let options = SolveOptions(
            timeLimit: Self.safetyLimit, startingSolution: Fixtures.paritySlackStart(),
            progress: { signal.yield($0) }
        )
        let task = Task { try await quietSolver().solve(program, options: options) }
        var progress = started.makeAsyncIterator()
        // Wait until the search is running and has taken the starting solution as its incumbent.
        while let report = await progress.next(), report.incumbent == nil {}
        task.cancel()
        let solution = try await task.value
        signal.finish()
        #expect(solution.status == .cancelled(hasSolution: true), "\(solution.detail)")
        #expect(Fixtures.isFeasible(solution.values, for: program))
    }

    @Test func cancellingStopsTheSimplexMethod() async throws {
        let program = Fixtures.coveringLP()
        let token = CancellationToken()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { token.cancel() }
        let solution = try await quietSolver().solve(program, options: SolveOptions(timeLimit: Self.safetyLimit, cancellation: token))
        guard case .cancelled(let hasSolution) = solution.status else {
            Issue.record("expected cancellation, got \(solution.status): \(solution.detail)")
            return
        }
        if hasSolution { #expect(Fixtures.isFeasible(solution.values, for: program)) }
    }

    @Test func progressReportsAreConsistent() throws {
        let reports = ProgressBox()
        let program = Fixtures.parity(slack: true)
        let options = SolveOptions(
            timeLimit: .milliseconds(300), startingSolution: Fixtures.paritySlackStart(),
            progressInterval: .zero, progress: { reports.append($0) }
        )
        _ = try quietSolver().solve(program, options: options)
        let all = reports.all
        #expect(!all.isEmpty)
        for report in all {
            if let incumbent = report.incumbent, let bound = report.bestBound {
                #expect(bound <= incumbent + 1e-9)
                #expect(report.relativeGap == Solution.relativeGap(objective: incumbent, bound: bound))
            }
        }
        #expect(all.contains { $0.incumbent != nil })
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.elapsedSeconds <= $1.elapsedSeconds })
    }
}

private final class ResultBox: Sendable {
    private let storage = Locked<[(String, Result<Solution, any Error>)]>([])
    func append(_ name: String, _ result: Result<Solution, any Error>) { storage.withLock { $0.append((name, result)) } }
    var all: [(String, Result<Solution, any Error>)] { storage.withLock { $0 } }
}

private final class ProgressBox: Sendable {
    private let storage = Locked<[SolveProgress]>([])
    func append(_ progress: SolveProgress) { storage.withLock { $0.append(progress) } }
    var all: [SolveProgress] { storage.withLock { $0 } }
}

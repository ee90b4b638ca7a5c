import Foundation
import GLPKSolver
import LinearProgramming
import Logging
import Planning
import PlannerModel
import Reports
import ServiceLifecycle

/// Runs the sweeps of `POST /v1/tradeoff`, one at a time, each point on a thread of its own.
///
/// Each point takes the solver slot it shares with re-planning (`SolverSlot`), so a re-plan that is
/// due waits at most for the point in progress, and the two never solve at once. The sweep's time
/// limit counts only the time its points hold the slot, and is shared out over the points still
/// to plan as `hearing-planner tradeoff` shares it. On graceful shutdown the running sweep is
/// cancelled and the waiting ones fail.
struct TradeoffService: Service {
    let jobs: TradeoffJobs
    let slot: SolverSlot
    let planner: Planner
    let logger: Logger
    let now: @Sendable () -> Date

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in jobs.wakeUps {
                while !Task.isCancelled, let work = await jobs.start(at: now()) {
                    await sweep(work)
                }
            }
        }
        await jobs.abandonWaiting(reason: "the service shut down before the sweep ran", at: now())
    }

    private func sweep(_ work: TradeoffJobs.Work) async {
        let started = ContinuousClock.now
        let sweep = TradeoffSweep(penalties: work.request.penalties)
        let planner = planner
        var spent = Duration.zero
        var previous: Plan?
        var points: [TradeoffSweep.Point] = []
        for (k, standard) in work.points.enumerated() {
            let options = PlanningOptions(
                timeLimit: TradeoffSweep.share(of: work.request.timeLimit - spent, pointsLeft: work.points.count - k),
                relativeGap: work.request.gap)
            let start = previous
            let roster = work.roster
            let (outcome, elapsed) = await slot.using(for: .sweep) {
                let began = ContinuousClock.now
                let outcome: Result<TradeoffSweep.Point, any Error>
                do {
                    outcome = .success(try await SolverThread.run(name: "tradeoff", options: SolveOptions()) { solve in
                        defer { GLPKSolver.releaseThreadMemory() }
                        var options = options
                        options.cancellation = solve.cancellation
                        return try sweep.plan(roster, at: standard, planner: planner, options: options, after: start)
                    })
                } catch {
                    outcome = .failure(error)
                }
                return (outcome, ContinuousClock.now - began)
            }
            spent += elapsed
            if Task.isCancelled {
                await jobs.fail(work.id, reason: "the service shut down during the sweep", at: now())
                return
            }
            switch outcome {
            case .success(let point):
                points.append(point)
                if point.plan.status == .optimal || point.plan.status == .feasible { previous = point.plan }
                await jobs.pointDone(work.id)
            case .failure(let error):
                // The error's text may name model columns, and so hearings: only its type is logged.
                logger.warning("tradeoff sweep failed", metadata: ["error": "\(type(of: error))"])
                await jobs.fail(work.id, reason: "the planner failed (\(type(of: error)))", at: now())
                return
            }
        }
        let report = TradeoffReport(
            roster: work.roster,
            points: points.map {
                .init(standardPenalty: $0.standardPenalty, highPenalty: $0.highPenalty, isCurrentPolicy: $0.isCurrentPolicy,
                      isWarmStarted: $0.isWarmStarted, plan: $0.plan)
            },
            ratio: TradeoffSweep.highPenalty(for: 1, policy: work.roster.policy))
        await jobs.finish(work.id, report: report, at: now())
        logger.info("tradeoff sweep done", metadata: [
            "points": "\(points.count)", "hearings": "\(work.roster.hearings.count)",
            "seconds": "\(String(format: "%.2f", (ContinuousClock.now - started).seconds))",
        ])
    }
}

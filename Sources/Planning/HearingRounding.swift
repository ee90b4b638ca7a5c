import LinearProgramming
import Logging
import MIPSearch
import PlannerModel

/// The planner's `RoundingStrategy`: a point of the relaxation becomes a plan by the greedy plan
/// it guides, then (with time) the local search and the small programs of `SubprogramSearch`
/// improve it. One week's search runs on one thread: the other core searches from a coarser
/// rounding of the same point.
struct HearingRounding: RoundingStrategy {
    let index: ProblemIndex
    let model: ModelBuilder.Model
    let program: LinearProgram
    let builder: ModelBuilder
    let solver: any MIPSolver
    let logger: Logger
    let settings: RoundingSettings
    let cancellation: CancellationToken?
    let clock: SearchClock

    func round(_ point: [Double], until deadline: ContinuousClock.Instant?, rowDuals: [Double]?) -> [Double] {
        let guide = GreedyGuide(model: model, index: index, values: point)
        let choices = GreedyStart(index: index, guide: guide).choices()
        guard let deadline else { return model.values(for: choices, index: index) }
        let began = clock.now
        let share = settings.subprograms ? settings.localSearchShare : 1
        let coarser = GreedyStart(index: index, guide: guide, resolution: (5, 10))
        var local = LocalSearch(index: index, deadline: began + (deadline - began) * share)
        local.cancellation = cancellation
        local.clock = clock
        let outcome = local.improve(choices, threads: Parallel.cores, orFrom: { coarser.choices() })
        logger.debug("local search", metadata: [
            "moves": "\(outcome.moves)", "gain": "\(outcome.gain)", "passes": "\(outcome.passes)",
            "localOptimum": "\(outcome.isLocalOptimum)", "seconds": "\((clock.now - began).seconds)",
            "startScores": "\(outcome.startScores)",
        ])
        guard settings.subprograms else { return model.values(for: outcome.choices, index: index) }
        let subBegan = clock.now
        var search = SubprogramSearch(solver: solver, logger: logger, index: index, builder: builder, deadline: deadline)
        search.cancellation = cancellation
        search.clock = clock
        search.widenings = 2
        if let rowDuals { search.gapShares = GapShares(model: model, program: program, rowDuals: rowDuals) }
        let sub = search.improve(outcome.choices, threads: Parallel.cores)
        logger.debug("subprograms", metadata: [
            "searches": "\(sub.searches)", "improved": "\(sub.improved)", "gain": "\(sub.gain)",
            "seconds": "\((clock.now - subBegan).seconds)",
        ])
        return model.values(for: sub.choices, index: index)
    }
}

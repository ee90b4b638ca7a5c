import ArgumentParser
import Foundation
import GLPKSolver
import Planning
import PlannerModel

struct Replan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-plan after changes, keeping the published plan wherever it can.",
        discussion: """
            Applies the change events to the roster, then plans again: hearings that start within \
            freezeHours of --now keep their assignment unless a hard rule now forbids it (a forced \
            change, also when a fixed hearing now needs what it holds); every other change costs \
            changePenalty in the score. Writes the new plan (-o) and, with --roster-out, the changed \
            roster. The plan lists what changed, per hearing and per person. Exits 3, writing nothing, \
            when fixed hearings clash with each other (it names them), 4 when no plan was found in time.
            """)

    @Option(help: "The roster the baseline plan was made from (JSON file or CSV folder).")
    var roster: String

    @Option(help: "The published plan (plan@1 JSON).")
    var baseline: String

    @Option(help: "The change events (events@1 JSON); leave out to re-plan without changes.")
    var events: String?

    @Option(help: "The moment of re-planning, ISO 8601 (default: now), e.g. 2026-12-08T10:00:00+01:00.")
    var now: String?

    @Option(help: "At most this many unforced changes (overrides the policy's maxChanges).")
    var maxChanges: Int?

    @Option(name: .shortAndLong, help: "Write the new plan here.")
    var output: String?

    @Option(help: "Write the changed roster here (JSON).")
    var rosterOut: String?

    @Option(help: "Stop searching after this many seconds.")
    var timeLimit: Double?

    @Flag(help: "Log the solver's progress to standard error.")
    var verbose = false

    func validate() throws {
        if let maxChanges, maxChanges < 0 { throw ValidationError("--max-changes must be 0 or more.") }
        if let now, Replan.parse(now) == nil { throw ValidationError("--now must be an ISO 8601 time such as 2026-12-08T10:00:00+01:00.") }
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)
    }

    func run() throws {
        let checked = try RosterFiles.read(roster).checked()
        report(checked.diagnostics.filter(\.isError))
        guard var current = checked.roster else {
            printError("The roster has \(checked.errors.count) error(s): nothing was re-planned.")
            throw ExitCodes.invalidRoster
        }
        let baselinePlan = try PlanFiles.read(baseline)
        if baselinePlan.rosterDigest != RosterDigest.of(current) {
            // Events the baseline applied are skipped: with another roster they would be lost.
            printError("""
                warning: \(roster) is not the roster \(baseline) was planned from (the digests differ). \
                After a re-plan, pass the roster it wrote with --roster-out.
                """)
        }
        var applied: [String] = []
        if let events {
            let read = EventsJSON.read(try RosterFiles.bytes(of: events))
            report(read.diagnostics)
            guard let batch = read.events else {
                printError("The events have errors: nothing was applied or re-planned.")
                throw ExitCodes.invalidRoster
            }
            switch current.applying(batch, alreadyApplied: Set(baselinePlan.appliedEvents ?? [])) {
            case .success(let result):
                current = result.roster
                applied = result.applied
                if !result.skipped.isEmpty { print("Skipped \(result.skipped.count) event(s) applied before.") }
            case .failure(let rejection):
                printError("error: events[\(rejection.index)]: \(rejection)")
                throw ExitCodes.invalidRoster
            }
        }
        if let maxChanges { current.policy.maxChanges = maxChanges }
        let logger = LogSetup.makeLogger(verbose: verbose)
        let planner = Planner(solver: GLPKSolver(logger: logger), logger: logger)
        let limit: Duration? = timeLimit.map { .milliseconds(Int64($0 * 1000)) }
        var plan = try planner.replan(
            current, baseline: baselinePlan, now: now.flatMap(Replan.parse) ?? Date(),
            options: PlanningOptions(timeLimit: limit))
        plan.appliedEvents = (baselinePlan.appliedEvents ?? []) + applied
        print(PlanSummary(plan: plan).text)
        switch plan.status {
        case .optimal, .feasible:
            break
        case .infeasible:
            // Nothing is written that could be published in the baseline's place.
            let names = plan.unscheduled.filter { $0.reason.code == .fixedConflict }.map(\.hearing)
            printError("Fixed hearings cannot all be held as fixed: \(names.joined(separator: ", ")). No plan was written; the baseline stands.")
            throw ExitCodes.infeasible
        case .timeLimit:
            printError("The time limit passed before any plan was found. No plan was written; the baseline stands.")
            throw ExitCodes.noPlanInTime
        case .error:
            printError("The re-plan failed. No plan was written; the baseline stands.")
            throw ExitCode.failure
        }
        if let output { try RosterFiles.write(try JSONOutput.encode(plan), to: output) }
        if let rosterOut { try RosterFiles.write(try RosterJSON.write(current), to: rosterOut) }
        let forced = plan.changes.filter(\.forced).count
        print("Changes: \(plan.changes.count) (\(forced) forced, \(plan.changes.count - forced) unforced)")
    }
}

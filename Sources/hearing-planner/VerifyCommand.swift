import ArgumentParser
import Foundation
import PlannerModel
import PlanVerification

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a plan on its own: every hard rule, every score, and the claim behind every reason.",
        discussion: """
            An independent check for inspectors, written apart from the planner (docs/verification.md): \
            hard rules 1-9, each assignment's score and the objective, for a re-plan the freeze, the \
            change penalties and the changes per hearing and per person, and for every unmet preference \
            and hearing not held the claim its reason makes, recomputed from the roster and the plan. \
            Give the roster the plan was made from; for a re-plan, the baseline's roster with \
            --baseline and --events as given to `replan` (--now defaults to the plan's replannedAt). Exits 0 when everything holds, 1 when \
            a claim does not (each is printed with its hearing and rule), 2 when an input cannot be read.
            """)

    @Argument(help: "The roster the plan was made from (JSON file or CSV folder); for a re-plan, the baseline's.")
    var roster: String

    @Argument(help: "The plan to check (plan@1 JSON).")
    var plan: String

    @Option(help: "A re-plan's published plan, as given to `replan --baseline`.")
    var baseline: String?

    @Option(help: "The change events the re-plan applied (events@1 JSON).")
    var events: String?

    @Option(help: "The moment of the re-plan, ISO 8601 (default: the plan's replannedAt).")
    var now: String?

    @Option(help: "The policy file given to `plan --policy`, if one was.")
    var policy: String?

    @Option(help: "The --max-changes given to `replan`, if one was.")
    var maxChanges: Int?

    @Flag(help: "Print the report as JSON (hearing-planner/verification@1).")
    var json = false

    func validate() throws {
        if baseline == nil && (events != nil || now != nil || maxChanges != nil) {
            throw ValidationError("--events, --now and --max-changes belong to a re-plan: give its --baseline too.")
        }
        if let now, Replan.parse(now) == nil { throw ValidationError("--now must be an ISO 8601 time such as 2026-12-08T10:00:00+01:00.") }
    }

    func run() throws {
        var source = try RosterFiles.read(roster)
        if let policy, let base = source.roster {
            source.roster?.policy = try PolicyFile.read(policy, base: base.policy)
        }
        let checked = source.checked()
        report(checked.diagnostics.filter(\.isError))
        guard var current = checked.roster else {
            printError("The roster has \(checked.errors.count) error(s): nothing was checked.")
            throw ExitCodes.invalidRoster
        }
        let planned = try PlanFiles.read(plan)
        var published: Plan?
        if let baseline {
            let base = try PlanFiles.read(baseline)
            published = base
            if let events {
                let read = EventsJSON.read(try RosterFiles.bytes(of: events))
                report(read.diagnostics)
                guard let batch = read.events else {
                    printError("The events have errors: nothing was checked.")
                    throw ExitCodes.invalidRoster
                }
                switch current.applying(batch, alreadyApplied: Set(base.appliedEvents ?? [])) {
                case .success(let result): current = result.roster
                case .failure(let rejection):
                    printError("error: events[\(rejection.index)]: \(rejection)")
                    throw ExitCodes.invalidRoster
                }
            }
            if let maxChanges { current.policy.maxChanges = maxChanges }
        }
        // The moment of the re-plan decides which hearings were frozen: the plan records it.
        let moment = now.flatMap(Replan.parse) ?? planned.replannedAt.flatMap(Replan.parse)
        if published != nil && moment == nil {
            printError("The plan does not say when it was re-planned (no replannedAt): give --now as given to replan.")
            throw ExitCodes.invalidRoster
        }
        let verdict = PlanVerifier(roster: current, plan: planned, baseline: published, now: moment).verify()
        if json {
            FileHandle.standardOutput.write(Data(try JSONOutput.encode(verdict)))
        } else {
            print(verdict.text)
        }
        if !verdict.passed { throw ExitCode(1) }
    }
}

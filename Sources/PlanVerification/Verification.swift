import Foundation
import PlannerModel

/// An independent check of a plan: every hard rule, every score and the objective, the freeze and
/// the changes of a re-plan, and the claim behind every reason (docs/verification.md). It is written
/// from scheduling-model.md and formats.md apart from the planner: it shares only the model types
/// and the roster reader, never the planner's program, index or evidence code.
public struct PlanVerifier: Sendable {
    public let roster: Roster
    public let plan: Plan
    /// Re-planning: the published plan the re-plan started from, and the moment it was made.
    public let replan: (baseline: Plan, now: Date)?
    /// How far a stated score may be from the recomputed one.
    public var tolerance = 1e-6

    /// `roster` is the roster the plan was made from: for a re-plan, with the events applied.
    public init(roster: Roster, plan: Plan, baseline: Plan? = nil, now: Date? = nil) {
        self.roster = roster
        self.plan = plan
        if let baseline { replan = (baseline, now ?? Date()) } else { replan = nil }
    }

    public func verify() -> VerificationReport {
        var run = Verification(roster: roster, plan: plan, replan: replan, tolerance: tolerance)
        run.all()
        return run.report
    }
}

/// One run of the verifier: the roster and plan laid out, and what was found so far.
struct Verification {
    let facts: RosterFacts
    let plan: Plan
    let layout: PlanLayout
    let replan: ReplanReference?
    let tolerance: Double
    var report = VerificationReport()

    init(roster: Roster, plan: Plan, replan: (baseline: Plan, now: Date)?, tolerance: Double) {
        facts = RosterFacts(roster)
        self.plan = plan
        layout = PlanLayout(facts: facts, plan: plan)
        self.replan = replan.map { ReplanReference(roster: roster, baseline: $0.baseline, now: $0.now) }
        self.tolerance = tolerance
    }

    mutating func add(_ hearing: String?, _ check: String, _ message: String) {
        report.findings.append(.init(hearing: hearing, check: check, message: message))
    }

    func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): abs(x - y) <= tolerance * max(1, abs(y))
        default: false
        }
    }

    mutating func all() {
        if plan.rosterDigest != RosterDigest.of(facts.roster) {
            add(nil, "consistency", "rosterDigest is not the digest of the roster given: the plan was made from another roster (for a re-plan, give the baseline's roster with the events, and the same policy options)")
        }
        // Rules 1 to 9, the derived fields, scores (with change penalties) and the objective.
        for violation in HardRuleChecker(tolerance: tolerance, replan: replan).violations(of: plan, for: facts.roster) {
            let parts = violation.split(separator: ":", maxSplits: 1)
            let check = parts[0].hasPrefix("rule") ? String(parts[0])
                : violation.hasPrefix("consistency: objective") ? "objective"
                : violation.contains(" has score ") ? "score" : "consistency"
            add(nil, check, parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : violation)
        }
        report.checked.assignments = plan.assignments.count
        switch plan.status {
        case .optimal, .feasible:
            if plan.status == .optimal { report.notChecked.append("that the plan is optimal: that rests on the solver's bound (\(plan.bound.map { $0.decimalText } ?? "none")); every other claim is checked here") }
        case .infeasible:
            report.notChecked.append("that the fixed hearings named conflict: that rests on the solver")
        case .timeLimit, .error:
            break
        }
        if let replan { checkChanges(replan) }
        for entry in plan.unmetPreferences { checkPreference(entry) }
        for entry in plan.unscheduled { checkUnheld(entry) }
        report.checked.unmetPreferences = plan.unmetPreferences.count
        report.checked.unscheduled = plan.unscheduled.count
    }

    /// The spec score of a hearing held at `spot` (re-planning: with its change penalty).
    func score(_ hearing: Hearing, _ spot: Alternative.Spot) -> Double? {
        guard let interpreter = facts.interpreters[spot.interpreter], let officer = facts.officers[spot.officer] else { return nil }
        let own = facts.reference.score(hearing: hearing, date: spot.date, interpreter: interpreter, language: spot.language, officer: officer)
        return own - (replan?.penalty(hearing.id, date: spot.date, slot: spot.slot, interpreter: spot.interpreter, officer: spot.officer) ?? 0)
    }

    /// The spec score of the plan's assignment, recomputed.
    func score(of a: Assignment) -> Double? {
        guard let hearing = facts.hearings[a.hearing] else { return nil }
        return score(hearing, Alternative.Spot(
            date: a.date, slot: a.slot, interpreter: a.interpreter, interpreterMode: a.interpreterMode, language: a.language,
            officer: a.officer))
    }
}

import PlannerModel

/// One plan and, when given, the roster it was made from.
public struct ReportInput: Sendable, Equatable {
    public var plan: Plan
    public var roster: Roster?

    /// A plan with its roster; throws when the roster does not belong to the plan.
    public init(plan: Plan, roster: Roster?) throws {
        if let roster { try Self.check(plan, against: roster) }
        self.plan = plan
        self.roster = roster
    }

    /// Gives each plan the roster it was made from. A plan lists every hearing of its roster exactly
    /// once, so a roster belongs to a plan when both name the same hearings. With no rosters, every
    /// plan goes without one.
    public static func pair(plans: [Plan], rosters: [Roster]) throws -> [ReportInput] {
        guard !rosters.isEmpty else { return try plans.map { try ReportInput(plan: $0, roster: nil) } }
        let keys = rosters.map { Set($0.hearings.map(\.id)) }
        return try plans.enumerated().map { index, plan in
            let ids = hearingIDs(of: plan)
            guard let match = keys.firstIndex(of: ids) else {
                throw ReportError(.rosterMismatch,
                    "No roster given names the same hearings as plan \(index + 1); give the roster each plan was made from.")
            }
            return try ReportInput(plan: plan, roster: rosters[match])
        }
    }

    static func hearingIDs(of plan: Plan) -> Set<String> {
        Set(plan.assignments.map(\.hearing) + plan.unscheduled.map(\.hearing))
    }

    /// The roster must name every hearing and person of the plan, and agree on what was asked.
    static func check(_ plan: Plan, against roster: Roster) throws {
        let hearings = Dictionary(roster.hearings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let interpreters = Dictionary(roster.interpreters.map { ($0.id, $0.gender) }, uniquingKeysWith: { first, _ in first })
        let officers = Dictionary(roster.officers.map { ($0.id, $0.gender) }, uniquingKeysWith: { first, _ in first })
        func mismatch(_ what: String) -> ReportError {
            ReportError(.rosterMismatch, "The roster does not belong to the plan: \(what).")
        }
        for assignment in plan.assignments {
            guard let hearing = hearings[assignment.hearing] else { throw mismatch("a held hearing is not in the roster") }
            guard let interpreter = interpreters[assignment.interpreter], let officer = officers[assignment.officer] else {
                throw mismatch("a person of the plan is not in the roster")
            }
            let asked = [(hearing.interpreterGender, assignment.interpreterPreference, interpreter),
                         (hearing.officerGender, assignment.officerPreference, officer)]
            for (wish, state, gender) in asked {
                let expected: PreferenceState = wish.map { $0.isMet(by: gender) ? .met : .unmet } ?? .none
                if state != expected { throw mismatch("a preference the plan records differs from the roster's request") }
            }
        }
        for unheld in plan.unscheduled where hearings[unheld.hearing] == nil {
            throw mismatch("a hearing not held is not in the roster")
        }
    }
}

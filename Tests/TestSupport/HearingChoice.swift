import PlannerModel

/// What a plan decides for one hearing: not held, or where, when and with whom.
public struct HearingChoice: Sendable, Equatable, CustomStringConvertible {
    /// A held hearing's start, people, interpreting mode and language.
    public struct Placement: Sendable, Equatable {
        public var date: Day
        /// The day part the hearing starts in.
        public var slot: String
        public var interpreter: String
        public var mode: InterpreterMode
        public var language: String
        public var officer: String

        public init(
            date: Day, slot: String, interpreter: String, mode: InterpreterMode, language: String,
            officer: String
        ) {
            self.date = date
            self.slot = slot
            self.interpreter = interpreter
            self.mode = mode
            self.language = language
            self.officer = officer
        }
    }

    public var hearing: String
    /// `nil` when the hearing is not held.
    public var placement: Placement?

    public init(hearing: String, placement: Placement?) {
        self.hearing = hearing
        self.placement = placement
    }

    public var description: String {
        guard let p = placement else { return "\(hearing): not held" }
        return "\(hearing): \(p.date)/\(p.slot) \(p.interpreter) (\(p.mode.rawValue), \(p.language)) \(p.officer)"
    }
}

/// The complete plan@1 that `choices` describe for `roster`, with every derived field (slots,
/// preference states, delay and wait days, scores, objective, unmet preferences) computed by the
/// reference implementation. Reasons are placeholders: the checker does not judge them.
///
/// Choices for hearings not in the roster are ignored; roster hearings without a choice are unscheduled.
/// An assignment naming an unknown person gets score 0, which the checker will flag.
public func witnessPlan(for roster: Roster, choices: [HearingChoice], status: Plan.Status = .optimal) -> Plan {
    let reference = ReferenceScore(roster: roster)
    let placements = Dictionary(
        choices.compactMap { choice in choice.placement.map { (choice.hearing, $0) } },
        uniquingKeysWith: { first, _ in first })
    var assignments: [Assignment] = []
    var unmet: [UnmetPreference] = []
    var unscheduled: [Unscheduled] = []
    for hearing in roster.hearings {
        guard let p = placements[hearing.id] else {
            let code: Reason.Code = hearing.fixed != nil && status == .infeasible ? .fixedConflict : .deferred
            unscheduled.append(Unscheduled(
                hearing: hearing.id, deadlineInHorizon: hearing.latest <= roster.horizon.end,
                reason: Reason(code: code, detail: "reference witness")))
            continue
        }
        let interpreter = roster.interpreters.first { $0.id == p.interpreter }
        let officer = roster.officers.first { $0.id == p.officer }
        let slots = reference.calendar.slots(on: p.date, from: p.slot, count: hearing.durationSlots)
            ?? [SlotName(date: p.date, part: p.slot)]
        let interpreterState = interpreter
            .map { ReferenceScore.preferenceState(hearing.interpreterGender, $0.gender) } ?? .none
        let officerState = officer.map { ReferenceScore.preferenceState(hearing.officerGender, $0.gender) } ?? .none
        var score = 0.0
        if let interpreter, let officer {
            score = reference.score(
                hearing: hearing, date: p.date, interpreter: interpreter, language: p.language, officer: officer)
        }
        assignments.append(Assignment(
            hearing: hearing.id, date: p.date, slot: p.slot, slots: slots, location: hearing.location,
            interpreter: p.interpreter, interpreterMode: p.mode, language: p.language, officer: p.officer,
            interpreterPreference: interpreterState, officerPreference: officerState,
            delayDays: reference.delayDays(of: hearing, on: p.date),
            waitDays: reference.waitDays(of: hearing, on: p.date), score: score))
        let placeholder = Reason(code: .takenByHigherValue, detail: "reference witness")
        if interpreterState == .unmet, let requested = hearing.interpreterGender, let interpreter {
            unmet.append(UnmetPreference(
                hearing: hearing.id, role: .interpreter, requested: requested, assigned: interpreter.gender,
                reason: placeholder))
        }
        if officerState == .unmet, let requested = hearing.officerGender, let officer {
            unmet.append(UnmetPreference(
                hearing: hearing.id, role: .officer, requested: requested, assigned: officer.gender,
                reason: placeholder))
        }
    }
    let objective = assignments.reduce(0.0) { $0 + $1.score }
    return Plan(
        rosterDigest: "sha256:reference-witness", status: status, objective: objective, bound: objective,
        gap: 0, solver: SolverInfo(name: "brute-force", version: "1", seconds: 0),
        assignments: assignments, unmetPreferences: unmet, unscheduled: unscheduled)
}

/// The choices a plan makes, one per roster hearing, in roster order (the inverse of `witnessPlan`).
public func hearingChoices(of plan: Plan, for roster: Roster) -> [HearingChoice] {
    roster.hearings.map { hearing in
        guard let a = plan.assignments.first(where: { $0.hearing == hearing.id }) else {
            return HearingChoice(hearing: hearing.id, placement: nil)
        }
        return HearingChoice(hearing: hearing.id, placement: .init(
            date: a.date, slot: a.slot, interpreter: a.interpreter, mode: a.interpreterMode,
            language: a.language, officer: a.officer))
    }
}

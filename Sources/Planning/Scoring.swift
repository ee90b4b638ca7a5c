import PlannerModel

/// The score of scheduling-model.md, term by term, for one held hearing.
///
/// The model builder puts these same numbers on its variables, and the plan recomputes every
/// assignment's score from its fields with them, so that `objective` is the sum of the scores.
public struct Scoring: Sendable {
    public let policy: Policy
    public let calendar: WorkCalendar

    public init(policy: Policy, calendar: WorkCalendar) {
        self.policy = policy
        self.calendar = calendar
    }

    public var horizonStart: Day { calendar.horizon.start }
    public var horizonEnd: Day { calendar.horizon.end }

    /// `wd(max(earliest, horizonStart), day)`: further waiting inside the horizon.
    public func delayDays(_ hearing: Hearing, startingOn day: Day) -> Int {
        calendar.wd(max(hearing.earliest, horizonStart), day)
    }

    /// `wd(earliest, day)`: the whole wait up to the hearing.
    public func waitDays(_ hearing: Hearing, startingOn day: Day) -> Int {
        calendar.wd(hearing.earliest, day)
    }

    public func isDeadlineInHorizon(_ hearing: Hearing) -> Bool { hearing.latest <= horizonEnd }

    /// The part of the score that depends on the day only: value, age, delay and deadline bonus.
    public func dayTerm(_ hearing: Hearing, startingOn day: Day) -> Double {
        policy.hearingValue
            + policy.ageWeight * Double(calendar.wd(hearing.earliest, horizonStart))
            - policy.delayWeight * Double(delayDays(hearing, startingOn: day))
            + (isDeadlineInHorizon(hearing) ? policy.deadlineBonus : 0)
    }

    /// The interpreter's part: the unmet interpreter preference, registration and the language used.
    public func interpreterTerm(_ hearing: Hearing, gender: Gender, language: String, registered: Bool) -> Double {
        var term = 0.0
        if let wanted = hearing.interpreterGender, !wanted.isMet(by: gender) {
            term -= policy.preferencePenalty[hearing.priority]
        }
        if !registered { term -= policy.unregisteredPenalty }
        if language != hearing.language { term -= policy.fallbackLanguagePenalty }
        return term
    }

    /// The officer's part: the unmet officer preference.
    public func officerTerm(_ hearing: Hearing, gender: Gender) -> Double {
        if let wanted = hearing.officerGender, !wanted.isMet(by: gender) {
            return -policy.preferencePenalty[hearing.priority]
        }
        return 0
    }

    /// The best language an interpreter can use for a hearing, with its registration: the one with
    /// the highest interpreter term (the language used changes the score and nothing else).
    public func bestLanguage(_ hearing: Hearing, _ interpreter: Interpreter) -> (language: String, registered: Bool)? {
        var best: (language: String, registered: Bool, term: Double)?
        // The own language first, then the fallbacks in order (without building a list each call).
        func consider(_ language: String) {
            guard let skill = interpreter.skill(for: language) else { return }
            let term = interpreterTerm(hearing, gender: .x, language: language, registered: skill.registered)
            if best == nil || term > best!.term { best = (language, skill.registered, term) }
        }
        consider(hearing.language)
        for language in hearing.fallbackLanguages { consider(language) }
        return best.map { ($0.language, $0.registered) }
    }
}

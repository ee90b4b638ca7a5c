import PlannerModel

/// The score of one held hearing, term by term, exactly as scheduling-model.md defines it.
///
/// Re-planning's change penalty is not modelled yet; it would be one more term, computed from a
/// baseline plan handed to `init`.
public struct ReferenceScore: Sendable {
    /// The terms of one hearing's score, each with its sign applied.
    public struct Terms: Sendable, Equatable {
        public var hearingValue: Double
        /// `+ ageWeight * wd(earliest, horizonStart)`.
        public var age: Double
        /// `- delayWeight * wd(max(earliest, horizonStart), d)`.
        public var delay: Double
        /// `+ deadlineBonus * [latest <= horizonEnd]`.
        public var deadline: Double
        /// `- preferencePenalty[priority] * unmet requested preferences`.
        public var preference: Double
        /// `- unregisteredPenalty * [interpreter not registered for the language used]`.
        public var unregistered: Double
        /// `- fallbackLanguagePenalty * [language used != hearing's language]`.
        public var fallbackLanguage: Double

        public init(
            hearingValue: Double, age: Double, delay: Double, deadline: Double, preference: Double,
            unregistered: Double, fallbackLanguage: Double
        ) {
            self.hearingValue = hearingValue
            self.age = age
            self.delay = delay
            self.deadline = deadline
            self.preference = preference
            self.unregistered = unregistered
            self.fallbackLanguage = fallbackLanguage
        }

        public var total: Double {
            hearingValue + age + delay + deadline + preference + unregistered + fallbackLanguage
        }
    }

    public let policy: Policy
    public let calendar: ReferenceCalendar

    public init(roster: Roster) {
        policy = roster.policy
        calendar = ReferenceCalendar(roster.horizon)
    }

    /// The terms for `hearing` started on `date` with `interpreter` speaking `language` and `officer`.
    ///
    /// An interpreter who does not speak `language` at all counts as unregistered for it (the plan then
    /// breaks rule 3 anyway).
    public func terms(
        hearing: Hearing, date: Day, interpreter: Interpreter, language: String, officer: Officer
    ) -> Terms {
        let start = calendar.horizon.start
        let unmet = unmetPreferenceCount(hearing: hearing, interpreter: interpreter, officer: officer)
        let registered = interpreter.languages.first { $0.code == language }?.registered ?? false
        return Terms(
            hearingValue: policy.hearingValue,
            age: policy.ageWeight * Double(calendar.wd(hearing.earliest, start)),
            delay: -policy.delayWeight * Double(calendar.wd(max(hearing.earliest, start), date)),
            deadline: hearing.latest <= calendar.horizon.end ? policy.deadlineBonus : 0,
            preference: -policy.preferencePenalty[hearing.priority] * Double(unmet),
            unregistered: registered ? 0 : -policy.unregisteredPenalty,
            fallbackLanguage: language == hearing.language ? 0 : -policy.fallbackLanguagePenalty
        )
    }

    /// The hearing's term of the objective.
    public func score(
        hearing: Hearing, date: Day, interpreter: Interpreter, language: String, officer: Officer
    ) -> Double {
        terms(hearing: hearing, date: date, interpreter: interpreter, language: language, officer: officer).total
    }

    /// The score of an assignment of `roster`, or `nil` when it names an unknown hearing or person.
    public func score(of assignment: Assignment, in roster: Roster) -> Double? {
        guard let hearing = roster.hearings.first(where: { $0.id == assignment.hearing }),
              let interpreter = roster.interpreters.first(where: { $0.id == assignment.interpreter }),
              let officer = roster.officers.first(where: { $0.id == assignment.officer })
        else { return nil }
        return score(
            hearing: hearing, date: assignment.date, interpreter: interpreter,
            language: assignment.language, officer: officer)
    }

    /// `delayDays` of formats.md: wd(max(earliest, horizonStart), date).
    public func delayDays(of hearing: Hearing, on date: Day) -> Int {
        calendar.wd(max(hearing.earliest, calendar.horizon.start), date)
    }

    /// `waitDays` of formats.md: wd(earliest, date).
    public func waitDays(of hearing: Hearing, on date: Day) -> Int {
        calendar.wd(hearing.earliest, date)
    }

    /// Requested gender preferences the two people do not meet (0, 1 or 2).
    public func unmetPreferenceCount(hearing: Hearing, interpreter: Interpreter, officer: Officer) -> Int {
        (Self.preferenceState(hearing.interpreterGender, interpreter.gender) == .unmet ? 1 : 0)
            + (Self.preferenceState(hearing.officerGender, officer.gender) == .unmet ? 1 : 0)
    }

    /// `met` when the person's gender equals the request, `unmet` otherwise, `none` when nothing was asked.
    public static func preferenceState(_ requested: GenderPreference?, _ gender: Gender) -> PreferenceState {
        guard let requested else { return .none }
        return requested.rawValue == gender.rawValue ? .met : .unmet
    }
}

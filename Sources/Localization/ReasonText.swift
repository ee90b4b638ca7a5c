import PlannerModel

extension Catalogue {
    /// The reason for an unmet preference or a hearing not held, as a sentence for a planner or an
    /// applicant's lawyer, in this catalogue's language; `role` is nil for a hearing not held. The plan's own `detail` stays English and
    /// carries the figures; this sentence says what the code means.
    public func reason(_ reason: Reason, role: Role? = nil) -> String {
        let code = reason.code.rawValue
        let variant = role?.rawValue ?? "unheld"
        if has("reason.\(code).\(variant)") { return text("reason.\(code).\(variant)") }
        return text("reason.\(code)")
    }

    /// The name of a reason code, short enough for a column ("Geen beschikbaarheid").
    public func reasonTitle(_ code: Reason.Code) -> String {
        text("reasonTitle.\(code.rawValue)")
    }

    /// A role in words.
    public func role(_ role: Role) -> String { text("role.\(role.rawValue)") }

    /// A requested or assigned sex in words.
    public func gender(_ value: String) -> String { text("gender.\(value)") }

    /// Whether a preference was met, in words.
    public func preference(_ state: PreferenceState) -> String { text("preference.\(state.rawValue)") }

    /// The interpreter's mode in words.
    public func mode(_ mode: InterpreterMode) -> String { text("mode.\(mode.rawValue)") }
}

/// A roster as read from a file or folder, before semantic validation.
///
/// Reading already finds syntax errors, wrong types, missing and unknown fields; `RosterValidator`
/// adds the checks that need the whole roster. `locate` turns a field path into the place a planner
/// can find in the input (`hearings[12].latest (line 240, column 18)` or `hearings.csv:14:6`).
public struct RosterSource: Sendable {
    /// The roster, when the document was readable enough to build one (it may still carry errors).
    public var roster: Roster?
    public var log: DiagnosticLog
    /// Ids of items that had errors of their own and were left out, so that references to them
    /// are not reported a second time.
    public var incompleteIDs: Set<String>
    public var locate: @Sendable (FieldPath) -> String

    public init(
        roster: Roster?, log: DiagnosticLog = DiagnosticLog(), incompleteIDs: Set<String> = [],
        locate: @escaping @Sendable (FieldPath) -> String = { $0.description }
    ) {
        self.roster = roster
        self.log = log
        self.incompleteIDs = incompleteIDs
        self.locate = locate
    }
}

/// The outcome of reading and validating a roster: every diagnostic, and the roster only if
/// there is no error among them (nothing is planned from a roster with an error).
public struct CheckedRoster: Sendable {
    public var roster: Roster?
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
}

extension RosterSource {
    /// Runs the semantic checks and returns every diagnostic found.
    public func checked() -> CheckedRoster {
        var log = self.log
        if let roster {
            RosterValidator(roster: roster, incompleteIDs: incompleteIDs).validate(into: &log)
        }
        let diagnostics = log.diagnostics(locatedBy: locate)
        return CheckedRoster(roster: log.hasErrors ? nil : roster, diagnostics: diagnostics)
    }
}

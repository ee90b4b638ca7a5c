/// The checks of a roster that need more than one field at a time (formats.md).
struct RosterValidator {
    let roster: Roster
    let incompleteIDs: Set<String>

    func validate(into log: inout DiagnosticLog) {}
}

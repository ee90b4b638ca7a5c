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
    /// False when the horizon had errors and `roster` carries a stand-in horizon: the checks
    /// against the horizon are then left out rather than reported twice.
    public var isHorizonUsable: Bool
    /// For each list (`hearings`, ...), the position in the document of each item of `roster`,
    /// where items with errors were left out; absent when nothing was left out.
    public var documentPositions: [String: [Int]]
    public var locate: @Sendable (FieldPath) -> String

    public init(
        roster: Roster?, log: DiagnosticLog = DiagnosticLog(), incompleteIDs: Set<String> = [],
        isHorizonUsable: Bool = true, documentPositions: [String: [Int]] = [:], locate: @escaping @Sendable (FieldPath) -> String = { $0.description }
    ) {
        self.roster = roster
        self.log = log
        self.incompleteIDs = incompleteIDs
        self.isHorizonUsable = isHorizonUsable
        self.documentPositions = documentPositions
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
        var checks = DiagnosticLog()
        if let roster {
            RosterValidator(roster: roster, incompleteIDs: incompleteIDs, isHorizonUsable: isHorizonUsable)
                .validate(into: &checks)
        }
        // Decoding logged document positions already; the checks see the roster's own positions.
        let diagnostics = log.diagnostics(locatedBy: locate)
            + checks.diagnostics(locatedBy: { locate(documentPath(of: $0)) })
        let hasErrors = log.hasErrors || checks.hasErrors
        return CheckedRoster(roster: hasErrors ? nil : roster, diagnostics: diagnostics)
    }

    /// The path in the document of a path into `roster`.
    func documentPath(of path: FieldPath) -> FieldPath {
        guard path.components.count >= 2, case .key(let list) = path.components[0],
              case .index(let index) = path.components[1], let positions = documentPositions[list],
              positions.indices.contains(index)
        else { return path }
        var components = path.components
        components[1] = .index(positions[index])
        return FieldPath(components)
    }
}

import Foundation
import PlannerModel

/// What the fulfilment figures can be broken down by (`--group-by`).
public enum ReportDimension: String, Sendable, Hashable, CaseIterable, Codable {
    /// The ISO week of the hearing's date (`2026-W50`).
    case week
    /// The hearing's own language (not a fallback used), from the roster.
    case language
    /// Where the hearing was held.
    case location
    /// `standard` or `high`, from the roster.
    case priority
    /// The kind of hearing (registration, detailed, ...), from the roster.
    case kind
    /// Interpreter or officer: one group per role, carrying that role's figures only.
    case role
    /// The sex asked for (`female` or `male`), from the roster.
    case sex

    /// A plan records hearing ids, dates, places and people; a hearing's language, priority, kind
    /// and the sex asked for are only in the roster.
    public var needsRoster: Bool {
        switch self {
        case .week, .location, .role: false
        case .language, .priority, .kind, .sex: true
        }
    }

    /// What the report shows when no `--group-by` is given.
    public static func defaults(withRoster: Bool) -> [ReportDimension] {
        withRoster ? [.role, .sex, .priority, .language, .kind, .location, .week] : [.role, .location, .week]
    }

    /// Parses `week,language,...`; unknown names are an error naming the known ones.
    public static func list(_ text: String) throws -> [ReportDimension] {
        var result: [ReportDimension] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            guard let dimension = ReportDimension(rawValue: part.lowercased()) else {
                throw ReportError(.unknownDimension,
                    "'\(part)' is not a grouping; use any of \(allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if !result.contains(dimension) { result.append(dimension) }
        }
        return result
    }

    /// A heading for tables and charts.
    public var title: String {
        switch self {
        case .week: "Week"
        case .language: "Language"
        case .location: "Location"
        case .priority: "Priority"
        case .kind: "Kind of hearing"
        case .role: "Role"
        case .sex: "Sex asked for"
        }
    }
}

/// An error a user can act on, with a code that callers may match.
public struct ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable {
        let name: String
        /// A grouping needs the roster and none was given.
        public static let needsRoster = Code(name: "needsRoster")
        /// No roster given matches a plan, or a roster contradicts its plan.
        public static let rosterMismatch = Code(name: "rosterMismatch")
        /// One hearing is held in two of the plans given.
        public static let overlappingPlans = Code(name: "overlappingPlans")
        public static let unknownDimension = Code(name: "unknownDimension")
        public static let badMinCell = Code(name: "badMinCell")
        /// The person asked for is neither an interpreter nor an officer of the roster.
        public static let unknownPerson = Code(name: "unknownPerson")
        /// The person has no hearings in the plan.
        public static let noHearings = Code(name: "noHearings")
        /// The horizon's time zone or day-part times cannot be used.
        public static let badTimes = Code(name: "badTimes")
    }

    public let code: Code
    public let description: String

    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}

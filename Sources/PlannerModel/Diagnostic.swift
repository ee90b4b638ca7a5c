/// A path into a roster document, such as `hearings[12].latest`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public static let root = FieldPath()

    public func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }
    public func appending(_ index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    public static func / (lhs: FieldPath, rhs: String) -> FieldPath { lhs.appending(rhs) }
    public static func / (lhs: FieldPath, rhs: Int) -> FieldPath { lhs.appending(rhs) }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text.isEmpty ? "(document)" : text
    }
}

/// One problem found in an input, with the exact place and a sentence a planner can act on.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    public var severity: Severity
    /// Where in the document: a JSON path, or `file:line:column` for a CSV folder.
    public var place: String
    public var message: String

    public init(_ severity: Severity, at place: String, _ message: String) {
        self.severity = severity
        self.place = place
        self.message = message
    }

    public var isError: Bool { severity == .error }

    public var description: String { "\(severity): \(place): \(message)" }
}

extension Diagnostic: Codable {}

/// Collects diagnostics against field paths; the source (JSON or CSV) turns paths into places.
///
/// A log keeps the first ``maximumKept`` problems and counts the rest: a hostile document of a
/// million bad entries would otherwise hold a million messages (hundreds of megabytes) and take a
/// minute to place them. No real roster comes near the bound; the last diagnostic says how many
/// more there were.
public struct DiagnosticLog: Sendable {
    public private(set) var entries: [(severity: Diagnostic.Severity, path: FieldPath, message: String)] = []
    /// Every problem recorded, kept or not: grows with each `error` and `warning`, so a decoder can
    /// tell whether an item added one.
    public private(set) var count = 0
    public private(set) var hasErrors = false
    private var omitted = 0
    public static let maximumKept = 10_000

    public init() {}

    public mutating func error(_ path: FieldPath, _ message: String) {
        hasErrors = true
        record(.error, path, message)
    }

    public mutating func warning(_ path: FieldPath, _ message: String) {
        record(.warning, path, message)
    }

    private mutating func record(_ severity: Diagnostic.Severity, _ path: FieldPath, _ message: String) {
        count += 1
        if entries.count < Self.maximumKept { entries.append((severity, path, message)) } else { omitted += 1 }
    }

    public func diagnostics(locatedBy locate: (FieldPath) -> String) -> [Diagnostic] {
        var result = entries.map { Diagnostic($0.severity, at: locate($0.path), $0.message) }
        if omitted > 0 {
            result.append(Diagnostic(
                hasErrors ? .error : .warning, at: locate(.root),
                "\(omitted) more problems were found and are not listed; fix the first \(Self.maximumKept) and check again"))
        }
        return result
    }
}

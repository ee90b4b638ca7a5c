import Foundation
import Logging
import PlannerModel

/// How the daemon runs: where it listens and keeps its state, who may call it, how it solves.
///
/// Read from a strict JSON file (``load(path:)``); the command line's flags override single
/// fields afterwards. Every field has a default, listed in docs/operations.md.
public struct ServerConfiguration: Sendable, Equatable {
    /// The address to listen on; a name, an IPv4 address or an IPv6 address without brackets.
    public var listenHost: String = "127.0.0.1"
    /// The TCP port; 0 lets the system choose a free one.
    public var listenPort: Int = 8470
    /// The folder of the database (`state.sqlite`); created with mode 0700 if missing.
    public var stateDirectory: String = "/var/lib/hearing-planner"
    /// The token file (see ``TokenFile``); nil when none is configured.
    public var tokenFile: String?
    /// The longest a single solve may run; the best plan found by then is used.
    public var solveTimeLimit: Duration = .seconds(30)
    /// How long to wait after a change for more changes before re-planning them together.
    public var debounce: Duration = .milliseconds(250)
    /// Replaces the roster policy's `freezeHours` when set.
    public var freezeHours: Double?
    /// Request bodies larger than this are refused with 413.
    public var maxBodyBytes: Int = 16 * 1024 * 1024
    /// A policy file (the fields of a roster's `policy`), applied over each roster's own policy.
    public var policyFile: String?
    /// The least severe log level written.
    public var logLevel: Logger.Level = .info
    /// Mark the console's cookies `Secure`: set it when browsers reach the service over HTTPS
    /// (through a TLS proxy), so the session cookie is never sent over plain HTTP.
    public var secureCookies: Bool = false
    /// A console session unused this long ends.
    public var sessionIdleMinutes: Double = 30
    /// `retention.days`: the rosters, events and plans of a horizon are deleted this many days
    /// after its last day (docs/privacy.md).
    public var retentionDays: Int = 90
    /// `retention.auditDays`: audit rows are deleted when older than this.
    public var auditRetentionDays: Int = 730
    /// `database`: the shared PostgreSQL database of several daemons; nil for the SQLite file in
    /// the state directory.
    public var database: DatabaseConfiguration?

    /// The defaults.
    public init() {}

    /// The roster's policy with this configuration's policy file and `freezeHours` applied.
    ///
    /// Reads the policy file each time; a daemon uses ``policyAdjustment()`` instead.
    public func policy(over base: Policy) throws -> Policy {
        try policyAdjustment()(base)
    }

    /// Reads and checks the policy file now, and returns what turns a roster's policy into the one
    /// it is planned with: the file's fields over the roster's, then `freezeHours`. A daemon calls
    /// this at start, so that a broken policy file stops it there and not at the first roster.
    public func policyAdjustment() throws -> @Sendable (Policy) throws -> Policy {
        let freezeHours = self.freezeHours
        var fileBytes: [UInt8]?
        if let policyFile {
            guard let data = FileManager.default.contents(atPath: policyFile) else {
                throw ConfigurationError(code: .unreadable, message: "Cannot read the policy file \(policyFile): it does not exist or is not readable.")
            }
            let bytes = Array(data)
            let checked = try PolicyJSON.read(bytes)
            guard checked.policy != nil else {
                throw ConfigurationError(
                    code: .invalid,
                    message: "The policy file \(policyFile) has errors.",
                    diagnostics: checked.diagnostics.filter(\.isError))
            }
            fileBytes = bytes
        }
        return { [fileBytes] base in
            var policy = base
            // The file was checked above; applying its fields over another base cannot fail on them.
            if let fileBytes, let read = try PolicyJSON.read(fileBytes, base: base).policy { policy = read }
            if let freezeHours { policy.freezeHours = freezeHours }
            return policy
        }
    }

    /// Reads a configuration file. Unknown fields, wrong types and out-of-range values are errors,
    /// all reported at once with their line and column. Relative paths in the file are taken
    /// relative to the file's folder.
    public static func load(path: String) throws -> ServerConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(code: .unreadable, message: "Cannot read the configuration file \(path): it does not exist or is not readable.")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(Array(data), path: path, relativeTo: folder)
    }

    /// Parses the bytes of a configuration file; `path` names it in messages and relative paths
    /// are resolved against `folder`.
    public static func parse(_ bytes: [UInt8], path: String, relativeTo folder: String) throws -> ServerConfiguration {
        let tree: JSONNode
        do {
            tree = try JSONParser.parse(bytes)
        } catch {
            throw ConfigurationError(
                code: .invalid, message: "The configuration file \(path) is not valid JSON.",
                diagnostics: [Diagnostic(.error, at: "line \(error.line), column \(error.column)", error.message)])
        }
        var reader = ConfigurationReader(folder: folder)
        let configuration = reader.read(tree)
        guard reader.log.hasErrors else { return configuration }
        let locator = JSONLocator(tree: tree, bytes: bytes)
        let diagnostics = reader.log.diagnostics { locator.place(of: $0, orParent: false) }
        throw ConfigurationError(
            code: .invalid,
            message: "The configuration file \(path) has \(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s").",
            diagnostics: diagnostics)
    }
}

/// A `HOST:PORT` pair, as written after `--listen` and in the configuration's `listen` field.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// A name or an address; an IPv6 address is kept without its brackets.
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `127.0.0.1:8470`, `localhost:8470` or `[::1]:8470`.
    public init(parsing text: String) throws {
        let problem = "\"\(text)\" is not HOST:PORT; write it as 127.0.0.1:8470, or [::1]:8470 for IPv6"
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw ConfigurationError(code: .invalidListenAddress, message: problem)
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
            guard host.contains(":") else {
                throw ConfigurationError(code: .invalidListenAddress, message: "\(problem): brackets are for IPv6 addresses only")
            }
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw ConfigurationError(code: .invalidListenAddress, message: problem)
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard !host.contains(":") else {
                throw ConfigurationError(code: .invalidListenAddress, message: "\(problem): put an IPv6 address in brackets")
            }
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw ConfigurationError(code: .invalidListenAddress, message: "\(problem): the host is missing or has spaces")
        }
        guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portText), (0...65535).contains(port) else {
            throw ConfigurationError(code: .invalidListenAddress, message: "\(problem): the port must be a number from 0 to 65535")
        }
        self.host = String(host)
        self.port = port
    }

    /// `HOST:PORT`, with brackets around an IPv6 host.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Why the configuration could not be used.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. New codes may be added; compare with the named constants.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unreadable, invalid, invalidListenAddress
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A configuration or policy file does not exist or cannot be read.
        public static let unreadable = Code(.unreadable)
        /// The file is not valid JSON or has fields that are unknown, of the wrong type or out of
        /// range; ``ConfigurationError/diagnostics`` has each one.
        public static let invalid = Code(.invalid)
        /// A listen address is not `HOST:PORT`.
        public static let invalidListenAddress = Code(.invalidListenAddress)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// A sentence a user can act on.
    public let message: String
    /// For ``Code/invalid``: every problem, with its place.
    public let diagnostics: [Diagnostic]

    public init(code: Code, message: String, diagnostics: [Diagnostic] = []) {
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
    }

    public var description: String {
        ([message] + diagnostics.map(\.description)).joined(separator: "\n")
    }
}

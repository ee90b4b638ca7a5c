import Crypto
import Foundation

/// What a bearer token may do.
public enum Role: String, Sendable, CaseIterable {
    /// May read and write: submit rosters and events.
    case planner
    /// May only read plans, changes, reports and calendars.
    case viewer

    /// Whether a request that changes state is allowed.
    public var mayWrite: Bool { self == .planner }
}

/// One token's entry in the token file: who holds it and what it may do. The token itself is never kept.
public struct TokenRecord: Sendable, Hashable {
    /// A name for the holder, such as `planning-office` or `dashboard`; it appears in the audit trail.
    public let name: String
    public let role: Role

    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }
}

/// The daemon's tokens: a text file with one line per token holding its name, role and the
/// SHA-256 of the token, never the token.
///
/// The format, documented in docs/operations.md:
///
/// ```
/// # hearing-planner tokens
/// planning-office planner sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
/// dashboard viewer sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752
/// ```
///
/// After the hash a line may carry `created=TIME` and `expires=TIME` (ISO 8601 in UTC, such as
/// `2027-01-31T00:00:00Z`): from its expiry on, a token is refused.
///
/// Blank lines and lines starting with `#` are ignored. A name is 1 to 64 letters, digits, `.`,
/// `_` or `-`. Deleting a line (`token revoke`) revokes that token; the daemon reads the file
/// when it starts and again on SIGHUP (`systemctl reload`).
public struct TokenFile: Sendable {
    /// One line of the file, as `token list` shows it.
    public struct Listing: Sendable, Equatable {
        public var record: TokenRecord
        public var created: Date?
        public var expires: Date?

        /// Whether the token is refused at `time` because it expired.
        public func isExpired(at time: Date) -> Bool { expires.map { time >= $0 } ?? false }
    }

    private struct Entry: Sendable {
        var listing: Listing
        var hash: [UInt8]
    }

    private let entries: [Entry]

    /// The holders, in file order.
    public var records: [TokenRecord] { entries.map(\.listing.record) }

    /// Every line's holder, dates included, in file order.
    public var listings: [Listing] { entries.map(\.listing) }

    private init(entries: [Entry]) { self.entries = entries }

    /// Reads and checks a token file; every malformed line is reported at once.
    public static func load(path: String) throws -> TokenFile {
        let text = try readText(path)
        return try parse(text, path: path)
    }

    /// Parses the text of a token file; `path` is only used in messages.
    public static func parse(_ text: String, path: String) throws -> TokenFile {
        var entries: [Entry] = []
        var problems: [String] = []
        var names = Set<String>()
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let place = "\(path):\(index + 1)"
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count >= 3 else {
                problems.append("\(place): expected NAME ROLE sha256:HASH, found \(fields.count) field\(fields.count == 1 ? "" : "s")")
                continue
            }
            // A problem names the field by its position and never quotes it: a line of this file
            // may hold a token pasted in the wrong place, and problems reach the journal.
            var isValid = true
            if nameProblem(fields[0]) != nil {
                problems.append("\(place): the name (first field) must be 1 to 64 letters, digits, '.', '_' or '-'")
                isValid = false
            } else if !names.insert(fields[0]).inserted {
                problems.append("\(place): the name (first field) appears twice; names must be unique")
                isValid = false
            }
            let role = Role(rawValue: fields[1])
            if role == nil {
                problems.append("\(place): the role (second field) is not one of \"planner\", \"viewer\"")
                isValid = false
            }
            let hash = parseHash(fields[2])
            if hash == nil {
                problems.append("\(place): the hash (third field) must be sha256: followed by 64 hexadecimal digits")
                isValid = false
            }
            var dates: [String: Date] = [:]
            for (position, extra) in fields.dropFirst(3).enumerated() {
                let field = Self.ordinal(position + 4)
                let pair = extra.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2, ["created", "expires"].contains(pair[0]), dates[pair[0]] == nil else {
                    problems.append("\(place): the \(field) field is not created=TIME or expires=TIME (each at most once)")
                    isValid = false
                    continue
                }
                guard let date = Self.parseTime(pair[1]) else {
                    problems.append("\(place): \(pair[0]) (the \(field) field) must be a time such as 2027-01-31T00:00:00Z")
                    isValid = false
                    continue
                }
                dates[pair[0]] = date
            }
            if isValid, let role, let hash {
                let listing = Listing(record: TokenRecord(name: fields[0], role: role), created: dates["created"], expires: dates["expires"])
                entries.append(Entry(listing: listing, hash: hash))
            }
        }
        guard problems.isEmpty else {
            throw TokenFileError(code: .malformed, message: "The token file \(path) has \(problems.count) problem\(problems.count == 1 ? "" : "s"); fix or remove the lines named.", problems: problems)
        }
        return TokenFile(entries: entries)
    }

    /// The holder of `bearer`, or nil when no line of the file matches it.
    ///
    /// The token's SHA-256 is compared with every stored hash, each comparison taking the same
    /// time whatever the bytes, so the response time does not reveal how much of a guess matched.
    /// A token past its expiry at `time` matches no line.
    public func authenticate(bearer: String, at time: Date = Date()) -> TokenRecord? {
        let digest = Array(SHA256.hash(data: Array(bearer.utf8)))
        var found: Listing?
        for entry in entries where Self.constantTimeEqual(entry.hash, digest) {
            found = entry.listing
        }
        guard let found, !found.isExpired(at: time) else { return nil }
        return found.record
    }

    /// Creates a token for `name` with `role`, stores its hash in the file at `path` (creating the
    /// file with mode 0600 if needed, replacing it atomically otherwise) and returns the token.
    ///
    /// The token is 32 bytes from the system's secure random generator, written in base64url
    /// after the prefix `hpt_`. It cannot be recovered later: only its hash is kept.
    public static func add(name: String, role: Role, path: String, created: Date = Date(), expires: Date? = nil) throws -> String {
        if let problem = nameProblem(name) {
            throw TokenFileError(code: .invalidName, message: "Cannot add the token: \(problem).")
        }
        var text = ""
        if FileManager.default.fileExists(atPath: path) {
            text = try readText(path)
            let existing = try parse(text, path: path)
            if existing.records.contains(where: { $0.name == name }) {
                throw TokenFileError(
                    code: .duplicateName,
                    message: "The token file \(path) already has a token named \"\(name)\"; choose another name, or revoke it first (`token revoke`) to replace it.")
            }
        } else {
            text = "# hearing-planner tokens: NAME ROLE sha256:HASH, one per line; delete a line to revoke it.\n"
        }
        let token = makeToken()
        let hash = SHA256.hash(data: Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        text += "\(name) \(role.rawValue) sha256:\(hash) created=\(Self.timeText(created))"
        if let expires { text += " expires=\(Self.timeText(expires))" }
        text += "\n"
        try AtomicFile.store(Array(text.utf8), at: path)
        return token
    }

    /// Deletes the line of the token named `name` from the file at `path`, keeping every other
    /// line as it was; the file is replaced atomically, with its owner and mode. A running daemon
    /// stops accepting the token when it reloads the file (SIGHUP, `systemctl reload`).
    public static func revoke(name: String, path: String) throws {
        let text = try readText(path)
        let existing = try parse(text, path: path)
        guard existing.records.contains(where: { $0.name == name }) else {
            throw TokenFileError(code: .unknownName, message: "The token file \(path) has no token named \"\(name)\"; `token list` shows the names.")
        }
        let kept = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { return true }
            return trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) != name
        }
        try AtomicFile.store(Array(kept.joined(separator: "\n").utf8), at: path)
    }

    static func parseTime(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle().parse(text)
    }

    /// `2027-01-31T00:00:00Z`.
    public static func timeText(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }

    /// A new token: `hpt_` and 32 random bytes in base64url without padding.
    static func makeToken<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        token(of: (0..<4).map { _ in generator.next() })
    }

    /// A new token from the system's secure generator (`UInt64.random` draws from it). Not
    /// `makeToken(using:)` with a `SystemRandomNumberGenerator` of our own: a ThreadSanitizer build
    /// crashes on an inout generator of no size (swiftlang/swift#66099), and `make sanitize` runs one.
    static func makeToken() -> String {
        token(of: (0..<4).map { _ in UInt64.random(in: .min ... .max) })
    }

    /// 256 bits in base64url without padding, after `hpt_`.
    private static func token(of words: [UInt64]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for word in words {
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "hpt_" + base64
    }

    /// "fourth", "fifth", … for a field's position on a line.
    static func ordinal(_ position: Int) -> String {
        let words = [4: "fourth", 5: "fifth", 6: "sixth"]
        return words[position] ?? "\(position)th"
    }

    /// Why `name` cannot name a token, or nil when it can.
    static func nameProblem(_ name: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ allowed.contains($0) }) else {
            return "the name \"\(name)\" must be 1 to 64 letters, digits, '.', '_' or '-'"
        }
        return nil
    }

    private static func parseHash(_ text: String) -> [UInt8]? {
        guard text.hasPrefix("sha256:") else { return nil }
        let hex = Array(text.dropFirst("sha256:".count).utf8)
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = hexValue(hex[index]), let low = hexValue(hex[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Equal-length byte arrays compared without an early exit.
    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    private static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TokenFileError(code: .unreadable, message: "Cannot read the token file \(path): it does not exist or is not readable.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TokenFileError(code: .malformed, message: "The token file \(path) is not UTF-8 text.")
        }
        return text
    }
}

/// Why a token file could not be read or changed.
public struct TokenFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. New codes may be added; compare with the named constants.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unreadable, malformed, duplicateName, invalidName, unwritable, unknownName
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The file does not exist or cannot be read.
        public static let unreadable = Code(.unreadable)
        /// A line is not `NAME ROLE sha256:HASH`, or names repeat; ``TokenFileError/problems`` lists them.
        public static let malformed = Code(.malformed)
        /// `add` was given a name the file already has.
        public static let duplicateName = Code(.duplicateName)
        /// `add` was given a name with characters outside letters, digits, `.`, `_` and `-`.
        public static let invalidName = Code(.invalidName)
        /// The file could not be written.
        public static let unwritable = Code(.unwritable)
        /// `revoke` was given a name the file does not have.
        public static let unknownName = Code(.unknownName)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// A sentence a user can act on.
    public let message: String
    /// For ``Code/malformed``: each problem, as `PATH:LINE: what is wrong`.
    public let problems: [String]

    public init(code: Code, message: String, problems: [String] = []) {
        self.code = code
        self.message = message
        self.problems = problems
    }

    public var description: String {
        ([message] + problems).joined(separator: "\n")
    }
}

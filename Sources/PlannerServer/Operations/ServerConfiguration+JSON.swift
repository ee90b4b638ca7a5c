import Foundation
import Logging
import PlannerModel

/// Decodes a configuration document strictly, recording every problem with its path and going on.
struct ConfigurationReader {
    static let keys: [String] = [
        "listen", "stateDirectory", "tokenFile", "solveTimeLimit", "debounce", "freezeHours",
        "maxBodyBytes", "policyFile", "logLevel", "secureCookies", "sessionIdleMinutes",
        "retention",
    ]
    static let logLevels = Logger.Level.allCases.map(\.rawValue)

    /// The folder relative paths are resolved against.
    let folder: String
    var log = DiagnosticLog()

    init(folder: String) { self.folder = folder }

    mutating func read(_ tree: JSONNode) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        guard case .object(let members) = tree.value else {
            log.error(.root, "must be an object ({...}), not \(tree.typeName)")
            return configuration
        }
        for (key, node) in members {
            let path = FieldPath.root / key
            guard Self.keys.contains(key) else {
                log.error(path, "unknown field \"\(key)\"\(Self.suggestion(for: key))")
                continue
            }
            // null means "the default", like leaving the field out.
            if case .null = node.value { continue }
            switch key {
            case "listen":
                guard let text = string(node, at: path) else { continue }
                do {
                    let address = try ListenAddress(parsing: text)
                    configuration.listenHost = address.host
                    configuration.listenPort = address.port
                } catch let error as ConfigurationError {
                    log.error(path, error.message)
                } catch {
                    log.error(path, "\(error)")
                }
            case "stateDirectory":
                if let value = filePath(node, at: path) { configuration.stateDirectory = value }
            case "tokenFile":
                if let value = filePath(node, at: path) { configuration.tokenFile = value }
            case "policyFile":
                if let value = filePath(node, at: path) { configuration.policyFile = value }
            case "solveTimeLimit":
                if let seconds = number(node, at: path, above: 0, atMost: 86_400) {
                    configuration.solveTimeLimit = .milliseconds(Int64((seconds * 1000).rounded()))
                }
            case "debounce":
                if let seconds = number(node, at: path, atLeast: 0, atMost: 60) {
                    configuration.debounce = .milliseconds(Int64((seconds * 1000).rounded()))
                }
            case "freezeHours":
                if let hours = number(node, at: path, atLeast: 0, atMost: 24 * 366) { configuration.freezeHours = hours }
            case "maxBodyBytes":
                if let bytes = integer(node, at: path, atLeast: 1024, atMost: 1 << 30) { configuration.maxBodyBytes = bytes }
            case "secureCookies":
                guard case .bool(let flag) = node.value else {
                    log.error(path, "must be true or false, not \(node.typeName)")
                    continue
                }
                configuration.secureCookies = flag
            case "sessionIdleMinutes":
                if let minutes = number(node, at: path, atLeast: 1, atMost: 24 * 60) { configuration.sessionIdleMinutes = minutes }
            case "retention":
                readRetention(node, at: path, into: &configuration)
            case "logLevel":
                guard let text = string(node, at: path) else { continue }
                if let level = Logger.Level(rawValue: text) {
                    configuration.logLevel = level
                } else {
                    log.error(path, "'\(text)' is not one of \(Self.logLevels.map { "\"\($0)\"" }.joined(separator: ", "))")
                }
            default:
                continue
            }
        }
        return configuration
    }

    /// `{"days": 90, "auditDays": 730}`: how long personal data and the audit trail are kept.
    private mutating func readRetention(_ node: JSONNode, at path: FieldPath, into configuration: inout ServerConfiguration) {
        guard case .object(let members) = node.value else {
            log.error(path, "must be an object such as {\"days\": 90}, not \(node.typeName)")
            return
        }
        for (key, member) in members {
            let place = path / key
            if case .null = member.value { continue }
            switch key {
            case "days":
                if let days = integer(member, at: place, atLeast: 0, atMost: 3650) { configuration.retentionDays = days }
            case "auditDays":
                if let days = integer(member, at: place, atLeast: 30, atMost: 3650) { configuration.auditRetentionDays = days }
            default:
                log.error(place, "unknown field \"\(key)\" (retention has days and auditDays)")
            }
        }
    }

    private mutating func string(_ node: JSONNode, at path: FieldPath) -> String? {
        guard case .string(let text) = node.value else {
            log.error(path, "must be text in double quotes, not \(node.typeName)")
            return nil
        }
        return text
    }

    /// A non-empty path, made absolute against the configuration file's folder.
    private mutating func filePath(_ node: JSONNode, at path: FieldPath) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard !text.isEmpty, !text.contains("\0") else {
            log.error(path, "must be a path, not empty text")
            return nil
        }
        if text.hasPrefix("/") { return text }
        return URL(fileURLWithPath: text, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
    }

    private mutating func number(
        _ node: JSONNode, at path: FieldPath, atLeast minimum: Double? = nil, above exclusiveMinimum: Double? = nil, atMost maximum: Double
    ) -> Double? {
        guard case .number(let value, _) = node.value else {
            log.error(path, "must be a number, not \(node.typeName)")
            return nil
        }
        if let minimum, value < minimum {
            log.error(path, "must be at least \(minimum.decimalText)")
            return nil
        }
        if let exclusiveMinimum, value <= exclusiveMinimum {
            log.error(path, "must be more than \(exclusiveMinimum.decimalText)")
            return nil
        }
        guard value <= maximum else {
            log.error(path, "must be at most \(maximum.decimalText)")
            return nil
        }
        return value
    }

    private mutating func integer(_ node: JSONNode, at path: FieldPath, atLeast minimum: Int, atMost maximum: Int) -> Int? {
        guard case .number(let value, _) = node.value, value.rounded() == value else {
            log.error(path, "must be a whole number, not \(node.typeName == "a number" ? "a fraction" : node.typeName)")
            return nil
        }
        guard value >= Double(minimum), value <= Double(maximum) else {
            log.error(path, "must be from \(minimum) to \(maximum)")
            return nil
        }
        return Int(value)
    }

    /// "; did you mean ...?" for a key one or two edits away from a known one.
    static func suggestion(for key: String) -> String {
        DidYouMean.suggestion(for: key, among: keys)
    }
}

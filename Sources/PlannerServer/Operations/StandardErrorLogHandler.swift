import Foundation
import Locking
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes log lines to standard error in the form its reader understands.
///
/// Under systemd, where standard error is connected to the journal (`JOURNAL_STREAM` names it),
/// each line starts with its syslog priority, `<4>` for a warning, and carries no time: the
/// journal stores both, so `journalctl -p warning` finds the warnings. Anywhere else a line starts
/// with the time in UTC and the level. A message or value with a line break is kept on one line,
/// so that one call is one journal entry.
public struct StandardErrorLogHandler: LogHandler {
    /// How lines are written.
    public enum Style: Sendable, Equatable {
        /// `<6>message key=value`: for the journal.
        case journal
        /// `2026-12-07T09:00:00Z info message key=value`: for a terminal or a file.
        case plain
    }

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let style: Style
    let write: @Sendable (String) -> Void

    /// A handler writing to the process's standard error in `style`.
    public init(style: Style) {
        self.init(style: style, write: StandardError.write)
    }

    /// A handler handing each finished line (with its newline) to `write`; for tests.
    public init(style: Style, write: @escaping @Sendable (String) -> Void) {
        self.style = style
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let extra = event.metadata { all.merge(extra) { $1 } }
        write(Self.line(
            level: event.level, message: "\(event.message)", metadata: all, style: style, time: Date()))
    }

    /// One line, newline included. Pure: the time is passed in.
    public static func line(level: Logger.Level, message: String, metadata: Logger.Metadata, style: Style, time: Date) -> String {
        var text = oneLine(message)
        for key in metadata.keys.sorted() {
            text += " \(oneLine(key))=\(oneLine("\(metadata[key]!)"))"
        }
        switch style {
        case .journal:
            return "<\(priority(of: level))>\(text)\n"
        case .plain:
            return "\(time.formatted(.iso8601)) \(level.rawValue) \(text)\n"
        }
    }

    /// A message for the person who started the program, such as `error: ...` when the service
    /// cannot start, with a newline: as it is on a terminal; under the journal each of its lines
    /// carries the priority of `level`, so that `journalctl -p err` shows why a start failed.
    public static func report(_ text: String, level: Logger.Level, style: Style) -> String {
        switch style {
        case .plain:
            return text + "\n"
        case .journal:
            return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                .map { "<\(priority(of: level))>\($0)\n" }.joined()
        }
    }

    /// The syslog priority of a level (RFC 5424): debug 7, info 6, notice 5, warning 4, error 3,
    /// critical 2. Trace has none of its own and is written as debug.
    public static func priority(of level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// The style for this process: the journal's when `JOURNAL_STREAM` names the very file that
    /// standard error is (its device and inode), as systemd's documentation asks: a child whose
    /// standard error was redirected elsewhere inherits the variable but must not use it.
    public static func style(environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
        guard let stream = environment["JOURNAL_STREAM"], let standardError = StandardError.identity() else { return .plain }
        return stream == standardError ? .journal : .plain
    }

    private static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return String(text.map { $0.isNewline ? " " : $0 })
    }
}

/// Standard error, written one whole line at a time.
enum StandardError {
    private static let turn = Locked<Void>(())

    @Sendable static func write(_ line: String) {
        let bytes = Array(line.utf8)
        turn.withLock { _ in
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { buffer in
                    Glibc.write(2, buffer.baseAddress! + written, bytes.count - written)
                }
                if result < 0 {
                    if errno == EINTR { continue }
                    return
                }
                written += result
            }
        }
    }

    /// `DEVICE:INODE` of standard error, as systemd writes it in `JOURNAL_STREAM`.
    static func identity() -> String? {
        var status = stat()
        guard fstat(2, &status) == 0 else { return nil }
        return "\(status.st_dev):\(status.st_ino)"
    }
}

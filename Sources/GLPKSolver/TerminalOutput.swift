import CGLPK
import Foundation
import Logging

/// Routes GLPK's terminal output into a `Logger`, line by line, for the duration of a call.
///
/// GLPK's terminal hook and output switch are per thread, so this covers exactly the GLPK
/// calls made by `body` on the current thread.
final class TerminalOutput {
    private let logger: Logger
    private var level: Logger.Level
    private var pending = ""
    /// The last complete line GLPK printed, to quote in an error.
    private(set) var lastLine: String?

    private init(logger: Logger, level: Logger.Level) {
        self.logger = logger
        self.level = level
    }

    /// GLPK's message level for `logger`: errors and warnings only, unless debug or trace
    /// logging asks for the solver's progress lines.
    static func messageLevel(for logger: Logger) -> Int32 {
        switch logger.logLevel {
        case .trace: GLP_MSG_ALL
        case .debug: GLP_MSG_ON
        default: GLP_MSG_ERR
        }
    }

    /// Runs `body` with GLPK's output going to `logger` at `level`, then restores the thread's
    /// hook. Without a level, lines are logged as suits ``messageLevel(for:)``.
    static func capture<T>(logger: Logger, level: Logger.Level? = nil, _ body: (TerminalOutput) throws -> T) rethrows -> T {
        // At GLP_MSG_ERR the solvers print only errors and warnings: log those as warnings.
        let output = TerminalOutput(logger: logger, level: level ?? defaultLineLevel(for: logger))
        let previous = glp_term_out(GLP_ON)
        // A capture inside another (a solve made while a relaxation session is open) hands the
        // thread's hook back to the outer one when it ends.
        let threadState = Thread.current.threadDictionary
        let outer = threadState[currentKey] as? TerminalOutput
        install(output)
        threadState[currentKey] = output
        defer {
            output.flush()
            if let outer { install(outer) } else { glp_term_hook(nil, nil) }
            threadState[currentKey] = outer
            glp_term_out(previous)
        }
        return try withExtendedLifetime(output) { try body(output) }
    }

    private static let currentKey = "hearing-planner.glpk-terminal-output"

    /// Points the thread's GLPK terminal hook at `output`. The hook captures nothing, so it
    /// converts to a C function pointer; the output object travels through `info`.
    private static func install(_ output: TerminalOutput) {
        glp_term_hook({ info, text in
            guard let info, let text else { return 0 }
            Unmanaged<TerminalOutput>.fromOpaque(info).takeUnretainedValue().receive(String(cString: text))
            return 1 // swallowed: nothing reaches stdout
        }, Unmanaged.passUnretained(output).toOpaque())
    }

    /// Runs `body` with GLPK's lines logged at `level`: for routines such as `glp_scale_prob`
    /// that print their chatter whatever the message level.
    func logging<T>(at level: Logger.Level, _ body: () throws -> T) rethrows -> T {
        let saved = self.level
        self.level = level
        defer { self.level = saved }
        return try body()
    }

    private static func defaultLineLevel(for logger: Logger) -> Logger.Level {
        switch messageLevel(for: logger) {
        case GLP_MSG_ALL: .trace
        case GLP_MSG_ON: .debug
        default: .warning
        }
    }

    /// GLPK hands over text in pieces that need not end at line ends.
    private func receive(_ text: String) {
        pending += text
        while let newline = pending.firstIndex(of: "\n") {
            emit(String(pending[..<newline]))
            pending.removeSubrange(...newline)
        }
    }

    private func flush() {
        if !pending.isEmpty { emit(pending) }
        pending = ""
    }

    private func emit(_ line: String) {
        let trimmed = line.trimmingTrailingWhitespace
        guard !trimmed.isEmpty else { return }
        lastLine = trimmed
        let isChatter = Self.chatter.contains { trimmed.hasPrefix($0) }
        logger.log(level: isChatter ? min(level, .debug) : level, "\(trimmed)", metadata: ["solver": "glpk"])
    }

    /// Lines GLPK's branch and cut prints whatever the message level when cuts or pseudo-cost
    /// branching are on: progress, not warnings.
    static let chatter = [
        "Number of 0-1 knapsack inequalities", "Constructing conflict graph", "Conflict graph has",
        "Pseudocosts initialized", "Gomory's cuts enabled", "MIR cuts enabled", "Cover cuts enabled",
        "Clique cuts enabled", "Long-step dual simplex will be used", "No conflicts found",
    ]
}

extension String {
    var trimmingTrailingWhitespace: String {
        var result = Substring(self)
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return String(result)
    }
}

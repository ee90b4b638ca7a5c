import Logging
import PlannerServer

enum LogSetup {
    /// A logger to standard error; the planner logs counts and timings, never personal data.
    static func makeLogger(verbose: Bool) -> Logger {
        logger(level: verbose ? .debug : .warning)
    }

    /// A logger to standard error at `level`: lines with a syslog priority and no time when
    /// standard error is the journal (`JOURNAL_STREAM`), with the time and level otherwise.
    static func logger(level: Logger.Level) -> Logger {
        let style = StandardErrorLogHandler.style()
        var logger = Logger(label: "hearing-planner") { _ in StandardErrorLogHandler(style: style) }
        logger.logLevel = level
        return logger
    }
}

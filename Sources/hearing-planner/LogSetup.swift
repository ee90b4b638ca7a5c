import Logging

enum LogSetup {
    /// A logger to standard error; the planner logs counts and timings, never personal data.
    static func makeLogger(verbose: Bool) -> Logger {
        var logger = Logger(label: "hearing-planner") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }
}

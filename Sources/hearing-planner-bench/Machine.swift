import Foundation

/// What the figures were measured on and with, printed above them.
struct RunContext: Codable, Sendable {
    var cores: Int
    var memoryBytes: Int
    var processor: String?
    /// The one-minute load average when the run started: other work on the machine slows the figures.
    var loadAverage: Double?
    var date: String
    var commit: String?
    var command: String

    /// The context of this run; `scratchFolder` holds the output of the `git` it asks.
    static func current(scratchFolder: URL) -> RunContext {
        RunContext(
            cores: sysconf(Int32(_SC_NPROCESSORS_ONLN)),
            memoryBytes: sysconf(Int32(_SC_PHYS_PAGES)) * sysconf(Int32(_SC_PAGESIZE)),
            processor: processorName(),
            loadAverage: oneMinuteLoad(),
            date: Date().formatted(.iso8601),
            commit: commit(scratchFolder: scratchFolder),
            command: CommandLine.arguments.map(shellQuoted).joined(separator: " "))
    }

    var header: String {
        let memory = String(format: "%.1f GiB", Double(memoryBytes) / 1_073_741_824)
        return """
            hearing-planner-bench
            machine: \(cores) cores, \(memory) memory\(processor.map { ", \($0)" } ?? "")\(loadAverage.map { String(format: ", load %.2f at the start", $0) } ?? "")
            date:    \(date)
            commit:  \(commit ?? "unknown")
            command: \(command)
            """
    }

    /// The CPU's model name from /proc/cpuinfo, where there is one.
    private static func processorName() -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/cpuinfo") else { return nil }
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("model name") }
        return line?.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
    }

    private static func oneMinuteLoad() -> Double? {
        var load = [0.0]
        return getloadavg(&load, 1) == 1 ? load[0] : nil
    }

    /// The short commit of the current directory's repository, marked when the tree has changes;
    /// nil when git or the repository is missing.
    private static func commit(scratchFolder: URL) -> String? {
        func git(_ arguments: [String]) -> ChildOutcome? {
            try? ChildProcess(executable: "git", arguments: arguments, timeout: .seconds(10), scratchFolder: scratchFolder).run()
        }
        guard let head = git(["rev-parse", "--short", "HEAD"]), head.isSuccess else { return nil }
        let commit = head.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !commit.isEmpty else { return nil }
        let isChanged = git(["status", "--porcelain", "--untracked-files=no"]).map { !$0.standardOutput.isEmpty } ?? false
        return isChanged ? commit + " (with uncommitted changes)" : commit
    }
}

/// The argument as a POSIX shell would need it written.
func shellQuoted(_ argument: String) -> String {
    let plain = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,:@+".contains($0) }
    return plain && !argument.isEmpty ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

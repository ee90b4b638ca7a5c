import Foundation
import LinearProgramming

#if canImport(Glibc)
import Glibc
#endif

/// A program run as a child process, with its output captured to files and its resources measured.
///
/// Foundation's `Process` does not expose the child's resource usage, so the child is started with
/// `posix_spawnp` and reaped with `wait4`, which reports its peak memory (`ru_maxrss`).
struct ChildProcess {
    /// A path, or a name looked up on `PATH`.
    var executable: String
    var arguments: [String]
    /// The child is killed (SIGKILL) when it runs longer than this.
    var timeout: Duration
    /// Where the captured standard output and standard error go; the files are removed afterwards.
    var scratchFolder: URL

    /// Starts the child, waits for it, and returns how it ended.
    ///
    /// - Throws: `ChildProcessError` when the child cannot be started (no such program, ...).
    func run() throws -> ChildOutcome {
        let capture = scratchFolder.appendingPathComponent("child-\(UUID().uuidString)")
        let outputPath = capture.path + ".out"
        let errorPath = capture.path + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorPath)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }

        let parentResidentKiB = ParentMemory.resetPeak()
        let clock = ContinuousClock()
        let started = clock.now
        var pid = pid_t()
        let spawnCode = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        guard spawnCode == 0 else {
            throw ChildProcessError(executable: executable, reason: String(cString: strerror(spawnCode)))
        }

        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        // Polling every millisecond keeps the timeout without a second thread and bounds the error
        // of the measured wall time to about a millisecond.
        while true {
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped == -1 && errno != EINTR {
                throw ChildProcessError(executable: executable, reason: "wait4 failed: \(String(cString: strerror(errno)))")
            }
            if !timedOut && clock.now - started > timeout {
                // The child is not reaped yet, so its pid cannot have been reused.
                kill(pid, SIGKILL)
                timedOut = true
            }
            usleep(1_000)
        }
        let wall = clock.now - started

        let termination: ChildTermination
        if timedOut {
            termination = .timedOut(timeout)
        } else if status & 0x7f == 0 {
            termination = .exited((status >> 8) & 0xff)
        } else {
            termination = .signalled(status & 0x7f)
        }
        return ChildOutcome(
            termination: termination,
            wallSeconds: wall.seconds,
            cpuSeconds: usage.ru_utime.seconds + usage.ru_stime.seconds,
            maxResidentKiB: Int(usage.ru_maxrss),
            parentResidentKiB: parentResidentKiB,
            standardOutput: Self.text(at: outputPath),
            standardError: Self.text(at: errorPath))
    }

    private static func text(at path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// How a child process ended.
enum ChildTermination: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)
    case timedOut(Duration)

    var description: String {
        switch self {
        case .exited(let code): "exit \(code)"
        case .signalled(let signal): "signal \(signal)"
        case .timedOut(let limit): "killed after \(Int(limit.seconds)) s"
        }
    }
}

/// What a finished child did, and what it used.
struct ChildOutcome: Sendable {
    var termination: ChildTermination
    var wallSeconds: Double
    /// User and system time of the child.
    var cpuSeconds: Double
    /// Peak resident memory of the child (`ru_maxrss`, KiB on Linux).
    var maxResidentKiB: Int
    /// The bench's own resident memory when the child started. Linux counts it into the child's
    /// `ru_maxrss`, which is therefore never below it (see `ParentMemory`).
    var parentResidentKiB: Int?

    /// The child's own peak, or nil when it stayed below the bench's resident memory and so is
    /// hidden by it.
    var peak: PeakMemory {
        guard let parentResidentKiB, maxResidentKiB <= parentResidentKiB + PeakMemory.toleranceKiB else {
            return PeakMemory(kibibytes: maxResidentKiB, isUpperBound: false)
        }
        return PeakMemory(kibibytes: maxResidentKiB, isUpperBound: true)
    }
    var standardOutput: String
    var standardError: String

    var isSuccess: Bool { termination == .exited(0) }
}

/// A peak memory figure: exact, or only known to be at most `kibibytes`.
struct PeakMemory: Codable, Sendable, Comparable {
    /// How far the bench's own memory may grow between reading it and starting the child.
    static let toleranceKiB = 1_024

    var kibibytes: Int
    var isUpperBound: Bool

    static func < (lhs: PeakMemory, rhs: PeakMemory) -> Bool {
        (lhs.kibibytes, lhs.isUpperBound ? 0 : 1) < (rhs.kibibytes, rhs.isUpperBound ? 0 : 1)
    }
}

/// The bench's own peak memory, which leaks into its children's figures.
///
/// When a process execs, Linux folds the peak resident size of the memory it leaves into the
/// process's `ru_maxrss`; a child made by `posix_spawn` (or `fork`) leaves the parent's memory, so
/// its `ru_maxrss` is at least the parent's peak. Resetting the parent's peak before each spawn
/// lowers that floor to its current size, which is then known.
enum ParentMemory {
    /// Resets this process's peak resident size (Linux's `/proc/self/clear_refs`) and returns the
    /// peak after that, in KiB; nil where /proc is missing.
    static func resetPeak() -> Int? {
        if let clear = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
            try? clear.write(contentsOf: Data("5".utf8))
            try? clear.close()
        }
        guard let status = FileManager.default.contents(atPath: "/proc/self/status") else { return nil }
        let line = String(decoding: status, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line?.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }
}

/// A child process that could not be started or waited for.
struct ChildProcessError: Error, CustomStringConvertible {
    var executable: String
    var reason: String

    var description: String { "cannot run \(executable): \(reason)" }
}

/// Whether `name` is an executable on `PATH` (or, when it holds a `/`, at that path).
func isExecutableOnPath(_ name: String) -> Bool {
    if name.contains("/") { return access(name, X_OK) == 0 }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").contains { folder in
        access("\(folder)/\(name)", X_OK) == 0
    }
}


extension timeval {
    var seconds: Double { Double(tv_sec) + Double(tv_usec) / 1e6 }
}

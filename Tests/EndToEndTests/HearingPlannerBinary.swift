import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built `hearing-planner` executable, run as a user runs it.
///
/// It is found next to the test bundle, in the same `.build/<configuration>` folder, or at
/// `HEARING_PLANNER_BINARY` when that is set.
struct HearingPlannerBinary: Sendable {
    var path: String

    /// What a finished run printed and how it ended.
    struct Run: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String

        /// The lines of standard error that report an error (`error: PLACE: message`).
        var errorLines: [Substring] {
            standardError.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        }
    }

    static func located() throws -> HearingPlannerBinary {
        if let path = ProcessInfo.processInfo.environment["HEARING_PLANNER_BINARY"] {
            return HearingPlannerBinary(path: path)
        }
        // On Linux the tests are an executable in .build/<configuration>; on macOS, a bundle there.
        let folders = [
            Bundle.main.executableURL?.deletingLastPathComponent(), Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ]
        let candidates = folders.compactMap { $0?.appendingPathComponent("hearing-planner").path }
        let path = try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
            "hearing-planner is not built next to the tests; looked at \(candidates)")
        return HearingPlannerBinary(path: path)
    }

    /// Runs the binary with `arguments` in `folder`, its output captured in files there. With
    /// `journal`, `JOURNAL_STREAM` names the file of its standard error, as systemd names the
    /// journal's stream.
    func run(_ arguments: [String], in folder: URL, journal: Bool = false) async throws -> Run {
        let capture = folder.appendingPathComponent(".capture-\(UUID().uuidString)")
        let outputURL = capture.appendingPathExtension("out")
        let errorURL = capture.appendingPathExtension("err")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        // Files rather than pipes: a child that fills a pipe nobody reads would never finish.
        let output = try FileHandle(forWritingTo: outputURL)
        let errors = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? errors.close()
        }
        process.standardOutput = output
        process.standardError = errors
        if journal {
            var status = stat()
            try #require(stat(errorURL.path, &status) == 0)
            process.environment = ProcessInfo.processInfo.environment.merging(["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"]) { $1 }
        }
        let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Run(
            status: status,
            standardOutput: try String(contentsOf: outputURL, encoding: .utf8),
            standardError: try String(contentsOf: errorURL, encoding: .utf8))
    }
}

/// A new empty folder for one test, removed when `body` returns.
func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("hearing-planner-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

extension URL {
    var bytes: [UInt8]? { FileManager.default.contents(atPath: path).map(Array.init) }

    var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The names in a folder, the capture files of runs left out.
    var entries: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .filter { !$0.hasPrefix(".capture-") }.sorted()
    }

    func write(_ text: String) throws {
        try Data(text.utf8).write(to: self)
    }

    /// The top-level JSON object of the file.
    func jsonObject() throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path), "\(lastPathComponent) was not written")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

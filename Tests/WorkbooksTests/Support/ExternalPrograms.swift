import Foundation

/// Programs nobody here wrote, run as a user runs them: LibreOffice's `soffice` and Python with
/// openpyxl. `make test` installs both (Makefile: `test-deps`).
enum ExternalPrograms {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The executable `name` on the PATH.
    static func path(of name: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Why the interoperability tests cannot run here, or nil when they can.
    static let missing: String? = {
        guard path(of: "soffice") != nil else {
            return "LibreOffice (soffice) is not installed; `make test` installs libreoffice-calc"
        }
        guard let python = path(of: "python3") else { return "python3 is not installed" }
        guard (try? run(python, ["-c", "import openpyxl"], in: FileManager.default.temporaryDirectory).status) == 0 else {
            return "openpyxl is not installed for python3; `make test` installs it (pip install openpyxl)"
        }
        return nil
    }()

    /// Runs a program to its end (at most `timeout`), its output captured in a file.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], in folder: URL, timeout: TimeInterval = 180
    ) throws -> (status: Int32, output: String) {
        let log = folder.appendingPathComponent(".output-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) took longer than \(Int(timeout)) s")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// Runs `soffice --headless --convert-to FILTER` on `inputs`, into `outputFolder`, with a
    /// profile of its own so that it never meets another LibreOffice.
    static func convert(_ inputs: [URL], to filter: String, into outputFolder: URL, profile: URL) throws {
        guard let soffice = path(of: "soffice") else { throw Failure(description: "soffice is not installed") }
        let result = try run(
            soffice,
            ["-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore", "--convert-to", filter,
             "--outdir", outputFolder.path] + inputs.map(\.path),
            in: outputFolder.deletingLastPathComponent())
        guard result.status == 0 else { throw Failure(description: "soffice failed (\(result.status)): \(result.output)") }
    }

    static func python(_ arguments: [String], in folder: URL) throws {
        guard let python = path(of: "python3") else { throw Failure(description: "python3 is not installed") }
        let result = try run(python, arguments, in: folder)
        guard result.status == 0 else { throw Failure(description: "python3 \(arguments.joined(separator: " ")) failed: \(result.output)") }
    }
}

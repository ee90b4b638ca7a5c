import Foundation
import Testing

/// The unit file in systemd/ and the binary under its sandbox. `make deps` installs systemd,
/// which brings `systemd-analyze` and libseccomp; without them these tests fail rather than skip.
@Suite("systemd unit")
struct SystemdUnitTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardizedFileURL
    static let unit = repository.appendingPathComponent("systemd/hearing-planner.service")
    static let sandbox = repository.appendingPathComponent("systemd/sandbox.py")

    /// The unit with ExecStart pointing at the built binary: `verify` checks that the binary exists.
    private func unitForBuiltBinary(in folder: URL) throws -> URL {
        let binary = try HearingPlannerBinary.located()
        let text = try String(contentsOf: Self.unit, encoding: .utf8)
        #expect(text.contains("ExecStart=/usr/bin/hearing-planner serve"))
        let copy = folder.appendingPathComponent("hearing-planner.service")
        try copy.write(text.replacingOccurrences(of: "ExecStart=/usr/bin/hearing-planner", with: "ExecStart=\(binary.path)"))
        return copy
    }

    @Test("systemd-analyze verify prints nothing on standard error")
    func verify() async throws {
        try await withTemporaryFolder { folder in
            let unit = try unitForBuiltBinary(in: folder)
            let run = try await Command.run("systemd-analyze", ["verify", unit.path], in: folder)
            #expect(run.status == 0)
            #expect(run.standardError.isEmpty, "\(run.standardError)")
        }
    }

    @Test("systemd-analyze security --offline=yes scores an exposure of at most 1.5")
    func security() async throws {
        try await withTemporaryFolder { folder in
            let unit = try unitForBuiltBinary(in: folder)
            let run = try await Command.run("systemd-analyze", ["security", "--offline=yes", "--threshold=15", unit.path], in: folder)
            #expect(run.status == 0, "\(run.standardError)")
            let line = try #require(run.standardOutput.split(separator: "\n").first { $0.contains("Overall exposure level") })
            let score = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) })
            #expect(score <= 1.5, "\(line)")
        }
    }

    @Test("With the PostgreSQL drop-in: verify prints nothing, the drop-in is read, and the exposure stays at most 1.5")
    func postgresDropIn() async throws {
        try await withTemporaryFolder { folder in
            let unit = try unitForBuiltBinary(in: folder)
            let dropIns = folder.appendingPathComponent("hearing-planner.service.d")
            try FileManager.default.createDirectory(at: dropIns, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: Self.repository.appendingPathComponent("systemd/postgresql.conf"), to: dropIns.appendingPathComponent("postgresql.conf"))
            // The folder on the unit path, so that systemd reads the drop-in beside the unit.
            let path = "SYSTEMD_UNIT_PATH=\(folder.path):"
            let verify = try await Command.run("env", [path, "systemd-analyze", "verify", unit.path], in: folder)
            #expect(verify.status == 0 && verify.standardError.isEmpty, "\(verify.standardError)")
            let security = try await Command.run("env", [path, "systemd-analyze", "security", "--offline=yes", "--threshold=15", unit.path], in: folder)
            #expect(security.standardOutput.contains("IP address allow list with non-localhost entries"), "\(security.standardOutput)")
            let line = try #require(security.standardOutput.split(separator: "\n").first { $0.contains("Overall exposure level") })
            let score = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) })
            #expect(score <= 1.5, "\(line)")
        }
    }

    @Test("The sandbox refuses what the unit forbids: a write-and-execute mapping, a netlink socket, setuid")
    func sandboxBites() async throws {
        try await withTemporaryFolder { folder in
            let probe = """
                import mmap, os, socket
                for attempt in (lambda: mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC),
                                lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW),
                                lambda: os.setuid(0)):
                    try:
                        attempt()
                        print("allowed")
                    except OSError as error:
                        print("refused", error.errno)
                """
            let run = try await Command.run("python3", [Self.sandbox.path, "--", "python3", "-c", probe], in: folder)
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput == "refused 1\nrefused 97\nrefused 1\n")
        }
    }

    @Test("The Swift runtime, Foundation and GLPK need no system call the unit refuses")
    func planUnderSandbox() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let roster = Self.repository.appendingPathComponent("data/sample/roster.json").path
            let run = try await Command.run(
                "python3", [Self.sandbox.path, "--strict", "--", binary.path, "plan", roster, "-o", "plan.json", "--time-limit", "60"], in: folder)
            #expect(run.status == 0, "\(run.standardError)")
            #expect(try folder.appendingPathComponent("plan.json").jsonObject()["format"] as? String == "hearing-planner/plan@1")
        }
    }
}

/// Runs a program found on PATH, as the tests' own helper for tools other than hearing-planner.
enum Command {
    static func run(_ program: String, _ arguments: [String], in folder: URL) async throws -> HearingPlannerBinary.Run {
        let path = try #require(
            (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
                .map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) },
            "\(program) is not installed; `make deps` installs it")
        return try await HearingPlannerBinary(path: path).run(arguments, in: folder)
    }
}

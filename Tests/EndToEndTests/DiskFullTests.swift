import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The state directory on a small tmpfs that fills up (root only: it mounts one).
@Suite("A full disk under the state directory", .serialized)
struct DiskFullTests {
    /// Whether this process may mount a tmpfs (root, and mounts allowed here).
    static let canMount: Bool = {
        guard geteuid() == 0 else { return false }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hp-mount-probe-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", folder.path]) == 0 else { return false }
        _ = run("/bin/umount", [folder.path])
        return true
    }()

    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(
        "Posts are refused with 507 while the disk is full, nothing is half-written, and nothing acknowledged is lost",
        .enabled(if: canMount, "needs root and permission to mount a tmpfs: the disk-full test cannot run here"))
    func diskFull() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let state = folder.appendingPathComponent("state")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            try #require(Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=12m,mode=0700", "tmpfs", state.path]) == 0)
            defer { _ = Self.run("/bin/umount", ["-l", state.path]) }
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let server = try await ServeProcess(binary: binary, folder: folder, token: token)
            #expect(try await server.json("POST", "/v1/rosters", body: try Data(contentsOf: ServeCommandTests.sampleRoster)).status == 201)
            let plan = try await server.plan(atLeast: 1)
            // Events acknowledged before the disk fills: none of them may be lost.
            var acknowledged: [String] = []
            for n in 1...20 {
                let (event, _) = try ServeCommandTests.officerLeaves(plan, id: "before-\(n)", available: n % 2 == 0)
                let (status, answer) = try await server.json("POST", "/v1/events", body: event)
                #expect(status == 202, "\(answer)")
                if status == 202 { acknowledged.append("before-\(n)") }
            }
            let filler = state.appendingPathComponent("filler")
            try Self.fill(filler)

            // Post until the disk refuses: SQLite reuses room it has, so the first posts may still fit.
            var refused: String?
            var refusedStatus = 0
            for n in 1...400 where refused == nil {
                let id = "full-\(n)"
                let (event, _) = try ServeCommandTests.officerLeaves(plan, id: id, available: n % 2 == 0)
                let (status, answer) = try await server.json("POST", "/v1/events", body: event)
                switch status {
                case 202: acknowledged.append(id)
                case 503, 507:
                    // SQLite says "full" (507 storage-full); a write the file system failed otherwise is 503.
                    refused = id
                    refusedStatus = status
                    let code = (answer["error"] as? [String: Any])?["code"] as? String
                    #expect(code == (status == 507 ? "storage-full" : "storage-failure"), "\(answer)")
                default: Issue.record("answer \(status) while the disk is full: \(answer)")
                }
                // Reading goes on while writing cannot.
                #expect(try await server.json("GET", "/v1/plans/current").status == 200)
            }
            let refusedID = try #require(refused, "the disk never filled: \(acknowledged.count) events acknowledged")

            // Space returns: the refused event was not half-stored (it is accepted, not skipped) and
            // every acknowledged one is planned.
            try FileManager.default.removeItem(at: filler)
            let (event, _) = try ServeCommandTests.officerLeaves(plan, id: refusedID, available: true)
            let (status, answer) = try await server.json("POST", "/v1/events", body: event)
            #expect(status == 202, "\(answer)")
            #expect(answer["accepted"] as? [String] == [refusedID])
            let settled = try await KillLoopTests.settled(server)
            let applied = Set(settled["appliedEvents"] as? [String] ?? [])
            #expect(acknowledged.allSatisfy(applied.contains), "acknowledged events missing after the disk was full")
            #expect(applied.contains(refusedID))
            let (ready, readiness) = try await server.json("GET", "/readyz")
            #expect(ready == 200, "\(readiness)")
            #expect(server.stop() == 0)

            // The database opens cleanly afterwards (the start runs SQLite's quick_check).
            let again = try await ServeProcess(binary: binary, folder: folder, token: token)
            #expect(Set(try await KillLoopTests.settled(again)["appliedEvents"] as? [String] ?? []) == applied)
            #expect(again.stop() == 0)
            print("disk full: \(acknowledged.count) events acknowledged (20 before the disk filled), then one refused with \(refusedStatus); none lost, none half-written")
        }
    }

    /// Writes zeros to `file` until the file system has no room left.
    static func fill(_ file: URL) throws {
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let descriptor = open(file.path, O_WRONLY)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while chunk.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}

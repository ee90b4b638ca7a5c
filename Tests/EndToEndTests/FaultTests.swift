import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Faults the service must survive (docs/reliability.md): a damaged state file, a full disk, and
/// `kill -9` at random moments (KillLoopTests).
@Suite("Faults", .serialized)
struct FaultTests {
    @Test("A damaged state database stops the start, naming the file and the restore command")
    func corruptedState() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let server = try await ServeProcess(binary: binary, folder: folder, token: token)
            let (created, _) = try await server.json("POST", "/v1/rosters", body: try Data(contentsOf: ServeCommandTests.sampleRoster))
            #expect(created == 201)
            #expect(server.stop() == 0)
            let database = folder.appendingPathComponent("state/state.sqlite")
            for damage in Damage.allCases {
                let saved = try Data(contentsOf: database)
                try damage.apply(to: database)
                // Under timeout(1): a service that started anyway is stopped (status 124) rather than waited for.
                let run = try await HearingPlannerBinary(path: "/usr/bin/timeout").run(
                    ["60", binary.path, "serve", "--listen", "127.0.0.1:0", "--state-dir", "state", "--tokens", "tokens"], in: folder)
                #expect(run.status != 0, "\(damage): the service started on a damaged database")
                #expect(run.standardError.contains(database.lastPathComponent), "\(damage): \(run.standardError)")
                #expect(run.standardError.contains("hearing-planner state restore"), "\(damage): \(run.standardError)")
                try saved.write(to: database)
            }
            // The undamaged file starts again: the checks did not change it.
            let again = try await ServeProcess(binary: binary, folder: folder, token: token)
            #expect(try await again.json("GET", "/v1/plans/current").status == 200)
            #expect(again.stop() == 0)
        }
    }

    /// Ways a state file is found damaged.
    enum Damage: CaseIterable {
        /// The header overwritten: not a database any more.
        case header
        /// Pages in the middle overwritten with noise (a bad sector, a torn copy).
        case pages
        /// Cut short.
        case truncated

        func apply(to file: URL) throws {
            var bytes = try [UInt8](Data(contentsOf: file))
            switch self {
            case .header:
                for i in 0..<min(100, bytes.count) { bytes[i] = 0x41 }
            case .pages:
                var random = SystemRandomNumberGenerator()
                // Past the first page (the schema), every page but the last gets noise in its middle.
                let page = 4096
                for start in stride(from: page, to: max(page, bytes.count - page), by: page) {
                    for i in (start + 64)..<min(start + page - 64, bytes.count) { bytes[i] = UInt8.random(in: 0...255, using: &random) }
                }
            case .truncated:
                bytes = Array(bytes.prefix(bytes.count / 2 / 4096 * 4096 + 1000))
            }
            try Data(bytes).write(to: file)
        }
    }
}

import Foundation
import Testing

@Suite("hearing-planner token add")
struct TokenCommandTests {
    @Test("Prints a new token once, stores only its hash in a 0600 file, refuses a repeated name")
    func addPrintsTokenOnce() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let run = try await binary.run(["token", "add", "office", "--role", "planner", "--tokens", "tokens"], in: folder)
            try #require(run.status == 0, "\(run.standardError)")
            let lines = run.standardOutput.split(separator: "\n")
            #expect(lines.count == 1)
            let token = try #require(lines.first)
            #expect(token.hasPrefix("hpt_") && token.count == 47)

            let file = folder.appendingPathComponent("tokens")
            let text = try #require(String(bytes: file.bytes ?? [], encoding: .utf8))
            #expect(!text.contains(token.dropFirst(4)))
            #expect(text.contains("office planner sha256:"))
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(mode.map { $0 & 0o777 } == 0o600)

            let again = try await binary.run(["token", "add", "office", "--role", "viewer", "--tokens", "tokens"], in: folder)
            #expect(again.status != 0)
            #expect(again.standardOutput.isEmpty)
            #expect(again.standardError.contains("already has a token named \"office\""))

            let badRole = try await binary.run(["token", "add", "other", "--role", "admin", "--tokens", "tokens"], in: folder)
            #expect(badRole.status != 0)
            #expect(badRole.standardOutput.isEmpty)
        }
    }
}

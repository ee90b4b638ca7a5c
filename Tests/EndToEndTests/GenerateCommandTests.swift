import Foundation
import Testing

@Suite("hearing-planner generate and bad options")
struct GenerateCommandTests {
    @Test("The same seed gives the same bytes, another seed another roster")
    func sameSeedSameBytes() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            for (file, seed) in [("a.json", "7"), ("b.json", "7"), ("c.json", "8")] {
                let run = try await binary.run(["generate", "--hearings", "25", "--seed", seed, "-o", file], in: folder)
                try #require(run.status == 0, "\(run.standardError)")
            }
            let first = try #require(folder.appendingPathComponent("a.json").bytes)
            #expect(!first.isEmpty)
            #expect(folder.appendingPathComponent("b.json").bytes == first)
            #expect(folder.appendingPathComponent("c.json").bytes != first)
        }
    }

    @Test("Bad options fail with a message that names them", arguments: [
        (["generate", "--hearings", "-1"], "--hearings"),
        (["generate", "--hearings=-1"], "--hearings must be 0 or more"),
        (["generate", "--hearings", "5", "--weeks", "0"], "--weeks"),
        (["generate", "--hearings", "5", "--csv"], "--csv needs --output"),
        (["plan", "roster.json", "--time-limit", "0"], "--time-limit"),
        (["plan", "roster.json", "--export-model", "model.txt"], "--export-model"),
        (["plan"], "roster"),
    ])
    func badOptions(arguments: [String], message: String) async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let run = try await binary.run(arguments, in: folder)
            #expect(run.status != 0)
            #expect(run.standardError.contains(message))
            #expect(folder.entries.isEmpty, "a failed command wrote \(folder.entries)")
        }
    }
}

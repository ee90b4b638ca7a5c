import Foundation
import Testing

@Suite("hearing-planner validate")
struct ValidateCommandTests {
    @Test("A generated roster is valid", arguments: ["json", "csv"])
    func generatedRosterIsValid(form: String) async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let roster = form == "json" ? "roster.json" : "roster-csv"
            let generate = try await binary.run(
                ["generate", "--hearings", "30", "--seed", "2", "-o", roster] + (form == "csv" ? ["--csv"] : []), in: folder)
            try #require(generate.status == 0, "\(generate.standardError)")

            let run = try await binary.run(["validate", roster], in: folder)
            #expect(run.status == 0)
            #expect(run.errorLines.isEmpty)
            #expect(run.standardOutput.contains("Hearings 30"))
            #expect(run.standardOutput.contains("Horizon 2026-12-07..2026-12-11"))
        }
    }

    @Test("Every error is reported with its place, and the exit status is 2")
    func everyErrorIsReported() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            try folder.appendingPathComponent("roster.json").write(Fixtures.threeErrors)

            let run = try await binary.run(["validate", "roster.json"], in: folder)
            #expect(run.status == 2)
            #expect(run.standardOutput.isEmpty)
            #expect(run.errorLines.count == Fixtures.threeErrorPlaces.count)
            for expected in Fixtures.threeErrorPlaces {
                #expect(
                    run.errorLines.contains { $0.hasPrefix("error: \(expected.place) ") && $0.contains(expected.word) },
                    "no error at \(expected.place)")
            }
        }
    }

    @Test("A missing roster is an error, not a crash")
    func missingRoster() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let run = try await binary.run(["validate", "absent.json"], in: folder)
            #expect(run.status != 0)
            #expect(run.standardError.contains("absent.json"))
        }
    }
}

import Foundation
import Testing

@Suite("hearing-planner plan")
struct PlanCommandTests {
    @Test("A small generated roster is planned, every hearing exactly once")
    func plansSmallRoster() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            try #require(try await binary.run(["generate", "--hearings", "20", "--seed", "3", "-o", "roster.json"], in: folder).status == 0)

            let run = try await binary.run(["plan", "roster.json", "-o", "plan.json", "--time-limit", "30"], in: folder)
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.split(separator: "\n").contains { $0.hasPrefix("Status ") })

            let plan = try folder.appendingPathComponent("plan.json").jsonObject()
            #expect(plan["format"] as? String == "hearing-planner/plan@1")
            #expect(["optimal", "feasible"].contains(plan["status"] as? String))
            let roster = try folder.appendingPathComponent("roster.json").jsonObject()
            let rosterHearings = try #require(roster["hearings"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(rosterHearings.count == 20)
            let held = try #require(plan["assignments"] as? [[String: Any]]).compactMap { $0["hearing"] as? String }
            let unheld = try #require(plan["unscheduled"] as? [[String: Any]]).compactMap { $0["hearing"] as? String }
            #expect((held + unheld).sorted() == rosterHearings.sorted())
        }
    }

    @Test("An invalid roster is not planned and no plan is written")
    func invalidRoster() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            try folder.appendingPathComponent("roster.json").write(Fixtures.threeErrors)

            let run = try await binary.run(["plan", "roster.json", "-o", "plan.json"], in: folder)
            #expect(run.status == 2)
            #expect(run.errorLines.count == Fixtures.threeErrorPlaces.count)
            #expect(!folder.appendingPathComponent("plan.json").exists)
        }
    }

    @Test("Fixed hearings that only the solver finds in conflict exit 3, named")
    func fixedConflict() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            try folder.appendingPathComponent("roster.json").write(Fixtures.fixedConflict)
            // The validator sees no conflict: nobody is named in the fixed slots.
            try #require(try await binary.run(["validate", "roster.json"], in: folder).status == 0)

            let run = try await binary.run(["plan", "roster.json", "-o", "plan.json"], in: folder)
            #expect(run.status == 3)
            #expect(run.standardError.contains("H-1") || run.standardError.contains("H-2"))
            let plan = try folder.appendingPathComponent("plan.json").jsonObject()
            #expect(plan["status"] as? String == "infeasible")
            #expect(run.standardError.contains("H-1") && run.standardError.contains("H-2"))
        }
    }

    @Test("--export-model writes the program", arguments: [("model.lp", "Maximize"), ("model.mps", "ROWS")])
    func exportModel(file: String, keyword: String) async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            try #require(try await binary.run(["generate", "--hearings", "10", "--seed", "4", "-o", "roster.json"], in: folder).status == 0)

            let run = try await binary.run(["plan", "roster.json", "--export-model", file, "--time-limit", "30"], in: folder)
            #expect(run.status == 0, "\(run.standardError)")
            let model = try #require(folder.appendingPathComponent(file).bytes, "\(file) was not written")
            #expect(String(decoding: model, as: UTF8.self).contains(keyword))
        }
    }
}

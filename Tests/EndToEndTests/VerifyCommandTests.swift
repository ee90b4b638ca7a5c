import Foundation
import Testing

/// `verify` and `replan` as an inspector and a planner run them.
@Suite("hearing-planner verify and replan")
struct VerifyCommandTests {
    /// Monday and Tuesday; two hearings, two interpreters, one officer.
    static let roster = """
        {
          "format": "hearing-planner/roster@1",
          "horizon": {"start": "2026-12-07", "end": "2026-12-08"},
          "locations": [{"id": "TA", "rooms": 2}],
          "hearings": [
            {"id": "H-1", "language": "ara", "location": "TA", "earliest": "2026-12-07", "latest": "2026-12-31"},
            {"id": "H-2", "language": "ara", "location": "TA", "earliest": "2026-12-07", "latest": "2026-12-31",
             "interpreterGender": "female"}
          ],
          "interpreters": [
            {"id": "I-1", "gender": "female", "languages": [{"code": "ara"}], "onsiteLocations": ["TA"],
             "available": ["2026-12-07/AM", "2026-12-07/PM", "2026-12-08/AM", "2026-12-08/PM"]},
            {"id": "I-2", "gender": "male", "languages": [{"code": "ara"}], "onsiteLocations": ["TA"],
             "available": ["2026-12-07/AM", "2026-12-07/PM", "2026-12-08/AM", "2026-12-08/PM"]}
          ],
          "officers": [
            {"id": "O-1", "gender": "male", "location": "TA",
             "available": ["2026-12-07/AM", "2026-12-07/PM", "2026-12-08/AM", "2026-12-08/PM"]}
          ]
        }
        """

    static func added(_ items: [(id: String, date: String, slot: String)]) -> String {
        let events = items.enumerated().map { k, item in
            """
            {"id": "e-\(k + 1)", "type": "hearingAdded", "hearing": {"id": "\(item.id)", "language": "ara", "location": "TA",
             "earliest": "2026-12-07", "latest": "2026-12-31", "fixed": {"date": "\(item.date)", "slot": "\(item.slot)"}}}
            """
        }
        return #"{"format": "hearing-planner/events@1", "events": [\#(events.joined(separator: ", "))]}"#
    }

    @Test("A plan passes verify; the same plan with a falsified objective exits 1 and says why")
    func verifyAPlan() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            try folder.appendingPathComponent("roster.json").write(Self.roster)
            try #require(try await binary.run(["plan", "roster.json", "-o", "plan.json"], in: folder).status == 0)
            let good = try await binary.run(["verify", "roster.json", "plan.json"], in: folder)
            #expect(good.status == 0, "\(good.standardOutput)\(good.standardError)")
            #expect(good.standardOutput.contains("every reason's claim is true"))

            var plan = try folder.appendingPathComponent("plan.json").jsonObject()
            plan["objective"] = ((plan["objective"] as? Double) ?? 0) + 5
            try folder.appendingPathComponent("falsified.json").write(
                String(decoding: try JSONSerialization.data(withJSONObject: plan), as: UTF8.self))
            let bad = try await binary.run(["verify", "roster.json", "falsified.json", "--json"], in: folder)
            #expect(bad.status == 1)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(bad.standardOutput.utf8)) as? [String: Any])
            #expect(report["passed"] as? Bool == false)
            let findings = try #require(report["findings"] as? [[String: Any]])
            #expect(findings.contains { $0["check"] as? String == "objective" })
        }
    }

    @Test("A fixed replacement re-plans and verifies; fixed hearings that clash exit 3 and write nothing")
    func replanAndVerify() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            try folder.appendingPathComponent("roster.json").write(Self.roster)
            try #require(try await binary.run(["plan", "roster.json", "-o", "plan.json"], in: folder).status == 0)
            let baseline = try folder.appendingPathComponent("plan.json").jsonObject()
            let first = try #require((baseline["assignments"] as? [[String: Any]])?.first)
            let date = try #require(first["date"] as? String), slot = try #require(first["slot"] as? String)
            // Monday 07:30: everything is frozen; H-9 is fixed where the first hearing is, and O-1 is the only officer.
            try folder.appendingPathComponent("events.json").write(Self.added([("H-9", date, slot)]))
            let now = "2026-12-07T07:30:00+01:00"
            let replanned = try await binary.run(
                ["replan", "--roster", "roster.json", "--baseline", "plan.json", "--events", "events.json", "--now", now, "-o", "new.json"],
                in: folder)
            #expect(replanned.status == 0, "\(replanned.standardError)")
            let check = try await binary.run(
                ["verify", "roster.json", "new.json", "--baseline", "plan.json", "--events", "events.json", "--now", now], in: folder)
            #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
            let plan = try folder.appendingPathComponent("new.json").jsonObject()
            let changes = try #require(plan["changes"] as? [[String: Any]])
            #expect(changes.contains { $0["hearing"] as? String == first["hearing"] as? String && $0["forced"] as? Bool == true })
            #expect(plan["changesByPerson"] is [[String: Any]])

            // Two fixed hearings on Tuesday afternoon with one officer: nothing to publish.
            try folder.appendingPathComponent("clash.json").write(Self.added([("H-8", "2026-12-08", "PM"), ("H-9", "2026-12-08", "PM")]))
            let clash = try await binary.run(
                ["replan", "--roster", "roster.json", "--baseline", "plan.json", "--events", "clash.json", "--now", now, "-o", "clash-plan.json"],
                in: folder)
            #expect(clash.status == 3)
            #expect(clash.standardError.contains("H-8") && clash.standardError.contains("H-9"))
            #expect(!folder.appendingPathComponent("clash-plan.json").exists)
        }
    }
}

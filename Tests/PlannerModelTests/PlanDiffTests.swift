import PlannerModel
import Testing

@Suite("Plan differences")
struct PlanDiffTests {
    static func assignment(_ hearing: String, _ date: String, _ slot: String, _ interpreter: String, _ officer: String) -> Assignment {
        Assignment(
            hearing: hearing, date: Day(date)!, slot: slot, slots: [SlotName("\(date)/\(slot)")!], location: "TA",
            interpreter: interpreter, interpreterMode: .onsite, language: "ara", officer: officer,
            interpreterPreference: .none, officerPreference: .none, delayDays: 0, waitDays: 0, score: 10)
    }

    static func plan(_ assignments: [Assignment], changes: [PlanChange] = []) -> Plan {
        Plan(rosterDigest: "sha256:x", status: .optimal, objective: 0, bound: 0, gap: 0,
             solver: SolverInfo(name: "glpk", version: "5.0", seconds: 0), assignments: assignments, changes: changes)
    }

    @Test func samePlansHaveNoChanges() {
        let plan = Self.plan([Self.assignment("H-1", "2026-12-07", "AM", "I-1", "O-1")])
        let diff = PlanDiff(from: plan, to: plan)
        #expect(diff.changes.isEmpty && diff.people.isEmpty)
        #expect(diff.text == "No changes.")
    }

    @Test func everyKindOfChangeReachesExactlyThePeopleConcerned() {
        let old = Self.plan([
            Self.assignment("H-1", "2026-12-07", "AM", "I-1", "O-1"),  // moves, same people
            Self.assignment("H-2", "2026-12-07", "AM", "I-2", "O-2"),  // interpreter swapped
            Self.assignment("H-3", "2026-12-08", "PM", "I-3", "O-3"),  // dropped
            Self.assignment("H-5", "2026-12-09", "AM", "I-5", "O-5"),  // unchanged
        ])
        let forced = PlanChange(hearing: "H-2", before: nil, after: nil, forced: true, rule: "rule 3: I-2 is not available")
        let new = Self.plan([
            Self.assignment("H-1", "2026-12-07", "PM", "I-1", "O-1"),
            Self.assignment("H-2", "2026-12-07", "AM", "I-4", "O-2"),
            Self.assignment("H-4", "2026-12-08", "PM", "I-3", "O-3"),  // added
            Self.assignment("H-5", "2026-12-09", "AM", "I-5", "O-5"),
        ], changes: [forced])
        let diff = PlanDiff(from: old, to: new)
        #expect(diff.changes.map(\.hearing) == ["H-1", "H-2", "H-3", "H-4"])
        #expect(diff.changes.first { $0.hearing == "H-2" }?.forced == true)
        #expect(diff.changes.first { $0.hearing == "H-3" }?.after == nil)
        #expect(diff.changes.first { $0.hearing == "H-4" }?.before == nil)
        let people = Dictionary(uniqueKeysWithValues: diff.people.map { ($0.person, $0) })
        #expect(Set(people.keys) == ["I-1", "O-1", "I-2", "I-4", "I-3", "O-3"])
        #expect(people["I-1"]?.moved.map(\.hearing) == ["H-1"])
        #expect(people["I-2"]?.lost.map(\.hearing) == ["H-2"])
        #expect(people["I-4"]?.gained.map(\.hearing) == ["H-2"])
        #expect(people["I-3"]?.lost.map(\.hearing) == ["H-3"] && people["I-3"]?.gained.map(\.hearing) == ["H-4"])
        #expect(people["O-2"] == nil)
        #expect(diff.text.contains("1 forced"))
    }
}

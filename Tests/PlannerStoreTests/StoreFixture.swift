import Foundation
import PlannerModel

@testable import PlannerStore

/// A small state: rosters of given horizons, each with a plan naming its hearings, and events.
enum StoreFixture {
    static let time = Date(timeIntervalSince1970: 1_796_169_600)  // 2026-12-02T00:00:00Z

    /// A valid roster@1 document with the given horizon and hearings (the first asks for a woman).
    static func roster(start: String, end: String, hearings: [String]) -> String {
        let list = hearings.enumerated().map { index, id in
            """
            {"id": "\(id)", "language": "ara", "location": "TA", "earliest": "\(start)", "latest": "\(end)"\(index == 0 ? #", "interpreterGender": "female""# : "")}
            """
        }.joined(separator: ",\n")
        return """
            {
              "format": "hearing-planner/roster@1",
              "horizon": {"start": "\(start)", "end": "\(end)"},
              "locations": [{"id": "TA", "name": "Ter Apel", "rooms": 2}],
              "hearings": [\(list)],
              "interpreters": [{"id": "I-1", "gender": "female", "languages": [{"code": "ara"}], "onsiteLocations": ["TA"]}],
              "officers": [{"id": "O-1", "gender": "male", "location": "TA"}]
            }
            """
    }

    /// A plan holding every hearing on the horizon's first day; the first hearing's interpreter
    /// preference is unmet, with a sentence that names the second hearing.
    static func plan(start: String, hearings: [String], appliedEvents: [String] = []) -> Plan {
        let day = Day(start)!
        let assignments = hearings.enumerated().map { index, id in
            Assignment(
                hearing: id, date: day, slot: index % 2 == 0 ? "AM" : "PM", slots: [], location: "TA", interpreter: "I-1",
                interpreterMode: .onsite, language: "ara", officer: "O-1",
                interpreterPreference: index == 0 ? .unmet : .none, officerPreference: .none, delayDays: 0, waitDays: 0, score: 100)
        }
        var unmet: [UnmetPreference] = []
        if hearings.count > 1 {
            unmet.append(UnmetPreference(
                hearing: hearings[0], role: .interpreter, requested: .female, assigned: .male,
                reason: Reason(
                    code: .takenByHigherValue, detail: "The candidate was taken by \(hearings[1]), worth more.",
                    takenBy: [hearings[1]])))
        }
        var plan = Plan(
            rosterDigest: "sha256:00", status: .optimal, objective: 100, bound: 100, gap: 0,
            solver: SolverInfo(name: "glpk", version: "5.0", seconds: 0.1), assignments: assignments, unmetPreferences: unmet)
        plan.appliedEvents = appliedEvents
        return plan
    }

    /// Stores a roster of `hearings` over `start...end`, an event about each hearing, and a plan.
    @discardableResult
    static func store(_ database: AppDatabase, start: String, end: String, hearings: [String]) throws -> Int64 {
        let document = roster(start: start, end: end, hearings: hearings)
        let stored = try database.saveRoster(StoredRoster(document: document, digest: "sha256:00", receivedAt: time, tokenName: "alice"))
        let id = try require(stored.id)
        let events = hearings.map { hearing in
            NewEvent(eventID: "e-\(hearing)", document: #"{"id": "e-\#(hearing)", "type": "hearingCancelled", "hearing": "\#(hearing)"}"#)
        }
        _ = try database.appendEvents(events, rosterID: id, tokenName: "alice", at: time)
        _ = try database.savePlan(
            plan(start: start, hearings: hearings, appliedEvents: events.map(\.eventID)), rosterID: id, rosterDocument: document,
            appliedEvents: events.map(\.eventID), at: time)
        return id
    }

    /// Every byte of the database's files: the file itself and its write-ahead log.
    static func bytes(ofDatabaseIn directory: String) throws -> Data {
        var all = Data()
        for name in ["state.sqlite", "state.sqlite-wal"] {
            let path = directory + "/" + name
            if let data = FileManager.default.contents(atPath: path) { all.append(data) }
        }
        return all
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "hp-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// `#require` outside a test function.
func require<T>(_ value: T?, _ message: String = "a value was missing") throws -> T {
    guard let value else { throw FixtureError(message: message) }
    return value
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

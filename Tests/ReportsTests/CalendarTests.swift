import Foundation
import PlannerModel
import Reports
import Testing

/// The calendar against the rules of RFC 5545 that matter to a calendar program, checked by code
/// of the test's own.
@Suite("Calendar")
struct CalendarTests {
    static let stamp = ISO8601DateFormatter().date(from: "2026-12-04T16:00:00Z")!

    /// Checks a whole file and returns its unfolded content lines.
    @discardableResult
    static func validate(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let bytes = Array(text.utf8)
        // CRLF line ends only.
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D, "a bare LF", sourceLocation: sourceLocation) }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "a bare CR", sourceLocation: sourceLocation) }
        }
        #expect(text.hasSuffix("\r\n"), sourceLocation: sourceLocation)
        var physical = text.components(separatedBy: "\r\n")
        #expect(physical.removeLast() == "", sourceLocation: sourceLocation)
        // At most 75 octets a line, each line whole UTF-8.
        var lines: [String] = []
        for line in physical {
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets: \(line)", sourceLocation: sourceLocation)
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                #expect(!lines.isEmpty, "a continuation line first", sourceLocation: sourceLocation)
                let previous = lines.popLast() ?? ""
                lines.append(previous + line.dropFirst())
            } else {
                lines.append(line)
            }
        }
        // BEGIN/END balance, one VCALENDAR around everything.
        var stack: [String] = []
        for (index, line) in lines.enumerated() {
            #expect(line.contains(":"), "not NAME:VALUE: \(line)", sourceLocation: sourceLocation)
            if line.hasPrefix("BEGIN:") {
                if index == 0 { #expect(line == "BEGIN:VCALENDAR", sourceLocation: sourceLocation) } else { #expect(!stack.isEmpty, sourceLocation: sourceLocation) }
                stack.append(String(line.dropFirst(6)))
            } else if line.hasPrefix("END:") {
                #expect(stack.popLast() == String(line.dropFirst(4)), "unbalanced \(line)", sourceLocation: sourceLocation)
            } else {
                #expect(!stack.isEmpty, "a property outside any component: \(line)", sourceLocation: sourceLocation)
            }
        }
        #expect(stack.isEmpty, "unclosed \(stack)", sourceLocation: sourceLocation)
        #expect(lines.last == "END:VCALENDAR", sourceLocation: sourceLocation)
        #expect(lines.contains("VERSION:2.0") && lines.contains { $0.hasPrefix("PRODID:") }, sourceLocation: sourceLocation)
        // Each event: one UID, DTSTAMP, DTSTART, DTEND; UTC date-times; the end after the start.
        let utc = /^\d{8}T\d{6}Z$/
        var uids: [String] = []
        for event in events(lines) {
            for name in ["UID", "DTSTAMP", "DTSTART", "DTEND"] {
                #expect(event.filter { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") }.count == 1, "\(name) once", sourceLocation: sourceLocation)
            }
            for name in ["DTSTAMP", "DTSTART", "DTEND"] {
                let value = try #require(property(name, event), sourceLocation: sourceLocation)
                #expect(value.wholeMatch(of: utc) != nil, "\(name):\(value)", sourceLocation: sourceLocation)
            }
            let start = try #require(property("DTSTART", event), sourceLocation: sourceLocation)
            let end = try #require(property("DTEND", event), sourceLocation: sourceLocation)
            #expect(start < end, sourceLocation: sourceLocation)
            uids.append(try #require(property("UID", event), sourceLocation: sourceLocation))
        }
        #expect(Set(uids).count == uids.count, "UIDs are unique", sourceLocation: sourceLocation)
        return lines
    }

    static func events(_ lines: [String]) -> [[String]] {
        var result: [[String]] = []
        var current: [String]?
        for line in lines {
            if line == "BEGIN:VEVENT" { current = [] } else if line == "END:VEVENT", let event = current { result.append(event); current = nil } else { current?.append(line) }
        }
        return result
    }

    static func property(_ name: String, _ event: [String]) -> String? {
        event.first { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
    }

    @Test(arguments: ["I-1", "I-5", "O-3", "O-1"])
    func fixtureCalendarsAreValid(person: String) throws {
        let text = try HearingCalendar(plan: Fixture.weekOnePlan, roster: Fixture.weekOne, person: person, stamp: Self.stamp).ics()
        let lines = try Self.validate(text)
        let expected = Fixture.weekOnePlan.assignments.filter { $0.interpreter == person || $0.officer == person }
        #expect(Self.events(lines).count == expected.count)
        for event in Self.events(lines) {
            #expect(Self.property("DTSTAMP", event) == "20261204T160000Z")
            let summary = try #require(Self.property("SUMMARY", event))
            #expect(summary.hasPrefix("Hearing "))
            // Nothing of what the applicant asked for.
            for word in ["female", "male", "woman", "man ", "priority", "high", "preference"] {
                #expect(!event.joined(separator: "\n").lowercased().contains(word), "\(word) in \(event)")
            }
            let uid = try #require(Self.property("UID", event))
            #expect(!uid.contains(person) && !uid.contains("H-"))
        }
    }

    /// 09:00 in Amsterdam is 08:00 UTC in winter, 07:00 in summer, also across the change.
    @Test(arguments: [("2026-12-07", "AM", "20261207T080000Z", "20261207T113000Z"),
                      ("2027-03-26", "PM", "20270326T123000Z", "20270326T160000Z"),
                      ("2027-03-29", "AM", "20270329T070000Z", "20270329T103000Z"),
                      ("2027-06-14", "AM", "20270614T070000Z", "20270614T103000Z")])
    func timesFollowTheTimeZone(date: String, part: String, start: String, end: String) throws {
        let day = try #require(Day(date))
        let (roster, plan) = Self.single(day: day, part: part)
        let text = try HearingCalendar(plan: plan, roster: roster, person: "O-1", stamp: Self.stamp).ics()
        let event = try #require(Self.events(try Self.validate(text)).first)
        #expect(Self.property("DTSTART", event) == start)
        #expect(Self.property("DTEND", event) == end)
    }

    @Test func aTwoPartHearingRunsFromTheFirstStartToTheLastEnd() throws {
        let text = try HearingCalendar(plan: Fixture.weekOnePlan, roster: Fixture.weekOne, person: "I-1", stamp: Self.stamp).ics()
        let events = Self.events(try Self.validate(text))
        let first = try #require(events.first { Self.property("SUMMARY", $0)?.contains("H-A01") == true })
        #expect(Self.property("DTSTART", first) == "20261207T080000Z")
        #expect(Self.property("DTEND", first) == "20261207T160000Z")
    }

    @Test func longTextIsFoldedAndEscaped() throws {
        var (roster, plan) = Self.single(day: Day("2026-12-07")!, part: "AM")
        roster.hearings[0].kind = "détaillé, met tolk; één gesprek — " + String(repeating: "ü", count: 60)
        let text = try HearingCalendar(plan: plan, roster: roster, person: "O-1", stamp: Self.stamp).ics()
        let lines = try Self.validate(text)
        let event = try #require(Self.events(lines).first)
        let summary = try #require(Self.property("SUMMARY", event))
        #expect(summary.contains("(détaillé\\, met tolk\\; één gesprek — üü"))
        #expect(text.components(separatedBy: "\r\n").filter { $0.hasPrefix(" ") }.count >= 2)
        plan.assignments[0].slot = "PM"
        _ = plan
    }

    @Test func uidIsStableAcrossReplansAndPerPerson() throws {
        let (roster, plan) = Self.single(day: Day("2026-12-07")!, part: "AM")
        var moved = plan
        moved.assignments[0].date = Day("2026-12-08")!
        moved.assignments[0].slots = [SlotName("2026-12-08/PM")!]
        moved.assignments[0].slot = "PM"
        let uid = { (plan: Plan, person: String) throws -> String? in
            let text = try HearingCalendar(plan: plan, roster: roster, person: person, stamp: Self.stamp).ics()
            return Self.property("UID", try #require(Self.events(try Self.validate(text)).first))
        }
        #expect(try uid(plan, "O-1") == (try uid(moved, "O-1")))
        #expect(try uid(plan, "O-1") != (try uid(plan, "I-1")))
    }

    @Test func errorsSayWhatIsWrong() throws {
        #expect(throws: ReportError.self) {
            try HearingCalendar(plan: Fixture.weekOnePlan, roster: Fixture.weekOne, person: "I-404", stamp: Self.stamp)
        }
        do {
            _ = try HearingCalendar(plan: Fixture.weekOnePlan, roster: Fixture.weekOne, person: "I-9", stamp: Self.stamp)
            Issue.record("I-9 has no hearings")
        } catch let error as ReportError {
            #expect(error.code == .noHearings)
        }
    }

    /// One hearing, at one day part, in a one-day horizon.
    static func single(day: Day, part: String) -> (Roster, Plan) {
        let slot = SlotName(date: day, part: part)
        let roster = Roster(
            horizon: Horizon(start: day, end: day),
            locations: [Location(id: "TA", name: "Ter Apel", rooms: 1)],
            hearings: [Hearing(id: "H-9", kind: "detailed", language: "tir", location: "TA", earliest: day, latest: day,
                               interpreterGender: .female, priority: .high)],
            interpreters: [Interpreter(id: "I-1", gender: .female, languages: [LanguageSkill(code: "tir")], onsiteLocations: ["TA"], available: [slot])],
            officers: [Officer(id: "O-1", gender: .male, location: "TA", available: [slot])])
        let plan = Plan(
            rosterDigest: "sha256:test", status: .optimal, objective: 10, bound: 10, gap: 0,
            solver: SolverInfo(name: "test", version: "1", seconds: 0),
            assignments: [Assignment(hearing: "H-9", date: day, slot: part, slots: [slot], location: "TA", interpreter: "I-1",
                                     interpreterMode: .onsite, language: "tir", officer: "O-1", interpreterPreference: .met,
                                     officerPreference: .none, delayDays: 0, waitDays: 0, score: 10)])
        return (roster, plan)
    }
}

import Foundation
import Localization
import PlannerModel

/// One person's hearings as an iCalendar file (RFC 5545), for their own calendar program.
///
/// Times are written in UTC, computed with Foundation's `TimeZone` from the horizon's `slotTimes`
/// in its `timeZone`. A VTIMEZONE would have to restate the zone's daylight-saving rules by hand,
/// and a wrong one silently shifts hearings by an hour; UTC times cannot be misread, every calendar
/// program shows them in the reader's own zone, and the local times are repeated in the description.
///
/// An event says which hearing, where, and with whom, so that the person can work; it never says
/// what the applicant asked for, the priority, or anything about the applicant.
public struct HearingCalendar: Sendable, Equatable {
    public struct Event: Sendable, Equatable {
        /// Stable for the same hearing and person across re-plans, so a moved hearing updates in place.
        public var uid: String
        public var start: Date
        public var end: Date
        public var summary: String
        public var location: String
        public var description: String
    }

    public var person: String
    public var events: [Event]
    /// DTSTAMP: when this calendar was made (the plan's time, given by the caller).
    public var stamp: Date
    /// SEQUENCE: the plan's version when it has one, so a later plan replaces an earlier one.
    public var sequence: Int

    /// The calendar of `person` (an interpreter or officer id) in `plan`.
    ///
    /// - Throws: ``ReportError`` when the roster does not belong to the plan, the person is not in
    ///   the roster, the person has no hearing in the plan, or the horizon's times cannot be used.
    /// `catalogue` gives the words of the summaries and descriptions, with dates as people write
    /// them; without one they are in English with ISO dates.
    public init(plan: Plan, roster: Roster, person: String, stamp: Date, catalogue: Catalogue? = nil) throws {
        let words = catalogue.map { ReportWords(catalogue: $0) } ?? .english
        _ = try ReportInput(plan: plan, roster: roster)
        let isInterpreter = roster.interpreters.contains { $0.id == person }
        guard isInterpreter || roster.officers.contains(where: { $0.id == person }) else {
            throw ReportError(.unknownPerson, "\(person) is neither an interpreter nor an officer of the roster.")
        }
        let horizon = roster.horizon
        guard let zone = TimeZone(identifier: horizon.timeZone) else {
            throw ReportError(.badTimes, "The horizon's time zone \(horizon.timeZone) is not known.")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let hearings = Dictionary(roster.hearings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let places = Dictionary(roster.locations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        var events: [Event] = []
        for assignment in plan.assignments where assignment.interpreter == person || assignment.officer == person {
            guard let first = assignment.slots.first, let last = assignment.slots.last,
                  let startTime = horizon.slotTimes[first.part], let endTime = horizon.slotTimes[last.part],
                  let start = Self.instant(first.date, startTime.start, calendar),
                  let end = Self.instant(last.date, endTime.end, calendar)
            else {
                throw ReportError(.badTimes, "The horizon gives no times for a day part of a hearing of \(person).")
            }
            let hearing = hearings[assignment.hearing]
            let kind = hearing?.kind.map { " (\($0))" } ?? ""
            let remote = assignment.interpreterMode == .remote
            let place = places[assignment.location]
            let placeName = place?.name.map { "\($0) (\(assignment.location))" } ?? assignment.location
            let other = assignment.interpreter == person
                ? words(remote ? "calendar.withOfficerRemote" : "calendar.withOfficer", ["officer": assignment.officer, "location": assignment.location])
                : words(remote ? "calendar.withInterpreterRemote" : "calendar.withInterpreter", ["interpreter": assignment.interpreter, "location": assignment.location])
            let local = "\(startTime.start)–\(endTime.end) \(horizon.timeZone)"
            let values = [
                "hearing": assignment.hearing, "kind": kind, "date": words.date(assignment.date), "time": local,
                "language": assignment.language, "interpreter": assignment.interpreter, "officer": assignment.officer,
                "mode": words[remote ? "calendar.byVideo" : "calendar.onSite"], "place": placeName, "other": other,
            ]
            let description = ["hearing", "language", "interpreter", "officer", "location"]
                .map { words("calendar.line.\($0)", values) }.joined(separator: "\n")
            events.append(Event(
                uid: Self.uid(hearing: assignment.hearing, person: person),
                start: start, end: end,
                summary: words("calendar.summary", values),
                location: remote && assignment.interpreter == person ? words("calendar.videoPlace", values) : placeName,
                description: description))
        }
        guard !events.isEmpty else {
            throw ReportError(.noHearings, "\(person) has no hearings in this plan; no calendar was written.")
        }
        self.person = person
        self.events = events.sorted { ($0.start, $0.uid) < ($1.start, $1.uid) }
        self.stamp = stamp
        self.sequence = plan.version ?? 0
    }

    static func instant(_ day: Day, _ time: TimeOfDay, _ calendar: Calendar) -> Date? {
        let (year, month, date) = day.components
        return calendar.date(from: DateComponents(year: year, month: month, day: date, hour: time.hour, minute: time.minute))
    }

    /// An opaque id: a 64-bit FNV-1a hash of the hearing and the person. It names neither, though it
    /// is no secret (hearing ids are few enough to try them all); it only avoids spelling them out.
    static func uid(hearing: String, person: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "hearing-planner\u{0}\(hearing)\u{0}\(person)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex + "@hearing-planner"
    }

    /// The iCalendar text: CRLF line ends, lines folded at 75 octets.
    public func ics() -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//hearing-planner//hearing calendar//EN",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        ]
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(event.uid)",
                "DTSTAMP:\(ICSText.utc(stamp))",
                "DTSTART:\(ICSText.utc(event.start))",
                "DTEND:\(ICSText.utc(event.end))",
                "SEQUENCE:\(sequence)",
                "SUMMARY:\(ICSText.escape(event.summary))",
                "LOCATION:\(ICSText.escape(event.location))",
                "DESCRIPTION:\(ICSText.escape(event.description))",
                "STATUS:CONFIRMED",
                "TRANSP:OPAQUE",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICSText.fold).joined()
    }
}

/// The text rules of RFC 5545 §3.1 and §3.3.11.
enum ICSText {
    /// `20261208T080000Z`.
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2) + "Z"
    }

    /// Backslash, semicolon, comma and line breaks escaped, as TEXT values need.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out
    }

    /// One content line, folded so that no line is longer than 75 octets (a continuation line starts
    /// with a space, which counts), never inside a UTF-8 character, each ended by CRLF.
    static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out + "\r\n"
    }
}

import CSV
import Foundation

/// Turns a roster into the rows of each file of a folder, and reports every value a cell cannot
/// hold so that it reads back the same (reading trims cells and splits lists at `;`).
struct RosterCSVEncoder {
    private(set) var problems: [Diagnostic] = []
    /// Availability one row per day (`I-4,2026-12-07,AM;PM`), as a workbook holds it, rather
    /// than one row per slot.
    var isAvailabilityByDate = false

    /// The rows of each file, header first, in the order of `RosterCSV.fileNames`.
    mutating func tables(for roster: Roster) -> [(name: String, rows: [[String]])] {
        var tables = [
            (RosterLayout.horizon.name, horizonRows(roster.horizon)),
            (RosterLayout.locations.name, Self.rows(RosterLayout.locations, roster.locations.enumerated().map {
                locationCells($1, .root / "locations" / $0)
            })),
            (RosterLayout.hearings.name, Self.rows(RosterLayout.hearings, roster.hearings.enumerated().map {
                hearingCells($1, .root / "hearings" / $0)
            })),
            (RosterLayout.interpreters.name, Self.rows(RosterLayout.interpreters, roster.interpreters.enumerated().map {
                interpreterCells($1, .root / "interpreters" / $0)
            })),
            (RosterLayout.officers.name, Self.rows(RosterLayout.officers, roster.officers.enumerated().map {
                officerCells($1, .root / "officers" / $0)
            })),
            (RosterLayout.availabilityBySlot.name, isAvailabilityByDate ? availabilityRowsByDate(roster) : availabilityRows(roster)),
        ]
        if roster.policy != Policy() { tables.append((RosterLayout.policy.name, policyRows(roster.policy))) }
        return tables
    }

    /// The bytes of a file: UTF-8 without a byte-order mark, LF line ends, a final line end.
    static func bytes(of rows: [[String]]) -> [UInt8]? {
        let stream = OutputStream(toMemory: ())
        guard let writer = try? CSVWriter(stream: stream) else { return nil }
        return withExtendedLifetime(writer) {
            for row in rows {
                guard (try? writer.write(row: row)) != nil else { return nil }
            }
            guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return nil }
            return Array(data) + [UInt8(ascii: "\n")]
        }
    }

    // MARK: Files

    /// The header, then each item's cells in the order of the header; a column an item has no
    /// cell for is empty.
    private static func rows(_ layout: TableLayout, _ items: [[String: String]]) -> [[String]] {
        [layout.columns] + items.map { cells in layout.columns.map { cells[$0] ?? "" } }
    }

    private mutating func locationCells(_ location: Location, _ path: FieldPath) -> [String: String] {
        [
            "id": text(location.id, path / "id"),
            "name": optionalText(location.name, path / "name"),
            "rooms": location.rooms.map(String.init) ?? "",
        ]
    }

    private mutating func hearingCells(_ hearing: Hearing, _ path: FieldPath) -> [String: String] {
        var cells = [
            "id": text(hearing.id, path / "id"),
            "kind": optionalText(hearing.kind, path / "kind"),
            "language": text(hearing.language, path / "language"),
            "fallbackLanguages": list(hearing.fallbackLanguages, path / "fallbackLanguages"),
            "location": text(hearing.location, path / "location"),
            "durationSlots": hearing.durationSlots == 1 ? "" : String(hearing.durationSlots),
            "earliest": hearing.earliest.description,
            "latest": hearing.latest.description,
            "interpreterGender": hearing.interpreterGender?.rawValue ?? "",
            "officerGender": hearing.officerGender?.rawValue ?? "",
            "priority": hearing.priority == .standard ? "" : hearing.priority.rawValue,
            "requiredTrainings": list(hearing.requiredTrainings, path / "requiredTrainings"),
            "remoteInterpreterAllowed": hearing.remoteInterpreterAllowed ? "" : "false",
            "excludedInterpreters": list(hearing.excludedInterpreters, path / "excludedInterpreters"),
            "excludedOfficers": list(hearing.excludedOfficers, path / "excludedOfficers"),
        ]
        if let fixed = hearing.fixed {
            cells["fixedDate"] = fixed.date.description
            cells["fixedSlot"] = text(fixed.slot, path / "fixed" / "slot")
            cells["fixedInterpreter"] = optionalText(fixed.interpreter, path / "fixed" / "interpreter")
            cells["fixedOfficer"] = optionalText(fixed.officer, path / "fixed" / "officer")
        }
        return cells
    }

    private mutating func interpreterCells(_ interpreter: Interpreter, _ path: FieldPath) -> [String: String] {
        var languages: [String] = []
        for (index, skill) in interpreter.languages.enumerated() {
            let path = path / "languages" / index / "code"
            let code = text(skill.code, path)
            if code.contains(RosterLayout.listSeparator) {
                refuse(path, "contains ';', which separates the items of a list in a CSV cell")
            } else if code.last == RosterLayout.unregisteredMark {
                refuse(path, "ends with '*', which in a CSV cell marks a language the interpreter is not registered for")
            }
            languages.append(code + (skill.registered ? "" : String(RosterLayout.unregisteredMark)))
        }
        return [
            "id": text(interpreter.id, path / "id"),
            "gender": interpreter.gender.rawValue,
            "languages": languages.joined(separator: String(RosterLayout.listSeparator)),
            "onsiteLocations": list(interpreter.onsiteLocations, path / "onsiteLocations"),
            "remote": interpreter.remote ? "true" : "",
            "maxHearingsPerWeek": interpreter.maxHearingsPerWeek.map(String.init) ?? "",
        ]
    }

    private mutating func officerCells(_ officer: Officer, _ path: FieldPath) -> [String: String] {
        [
            "id": text(officer.id, path / "id"),
            "gender": officer.gender.rawValue,
            "location": text(officer.location, path / "location"),
            "trainings": list(officer.trainings, path / "trainings"),
            "maxHearingsPerWeek": officer.maxHearingsPerWeek.map(String.init) ?? "",
        ]
    }

    private func availabilityRows(_ roster: Roster) -> [[String]] {
        let people = roster.interpreters.map { ($0.id, $0.available) } + roster.officers.map { ($0.id, $0.available) }
        return [RosterLayout.availabilityBySlot.columns]
            + people.flatMap { id, slots in slots.map { [id, $0.description] } }
    }

    /// One row per run of slots of the same person and date, so that reading the rows back gives
    /// each person's slots in the same order.
    private func availabilityRowsByDate(_ roster: Roster) -> [[String]] {
        let people = roster.interpreters.map { ($0.id, $0.available) } + roster.officers.map { ($0.id, $0.available) }
        var rows = [RosterLayout.availabilityByDate.columns]
        for (id, slots) in people {
            var index = slots.startIndex
            while index < slots.endIndex {
                let date = slots[index].date
                var parts: [String] = []
                while index < slots.endIndex, slots[index].date == date {
                    parts.append(slots[index].part)
                    index += 1
                }
                rows.append([id, date.description, parts.joined(separator: String(RosterLayout.listSeparator))])
            }
        }
        return rows
    }

    private mutating func horizonRows(_ horizon: Horizon) -> [[String]] {
        let path = FieldPath.root / "horizon"
        var rows = [
            RosterLayout.horizon.columns,
            ["start", horizon.start.description],
            ["end", horizon.end.description],
            ["holidays", horizon.holidays.map(\.description).joined(separator: ";")],
            ["slots", list(horizon.slots, path / "slots")],
            ["timeZone", text(horizon.timeZone, path / "timeZone")],
        ]
        for (index, part) in horizon.slots.enumerated() where part.contains("/") {
            refuse(path / "slots" / index, "contains '/', which separates the date and the day part of a slot")
        }
        // The horizon's own day parts first, in their order, then any others.
        var parts: [String] = []
        for part in horizon.slots + horizon.slotTimes.keys.sorted()
        where horizon.slotTimes[part] != nil && !parts.contains(part) {
            parts.append(part)
        }
        for part in parts {
            guard let times = horizon.slotTimes[part] else { continue }
            let key = RosterLayout.slotTimesPrefix + text(part, path / "slotTimes" / part)
            rows.append([key, "\(times.start)-\(times.end)"])
        }
        return rows
    }

    private func policyRows(_ policy: Policy) -> [[String]] {
        [RosterLayout.policy.columns]
            + Policy.numericKeys.map { [$0.key, policy[keyPath: $0.path].decimalText] }
            + [["maxChanges", policy.maxChanges.map(String.init) ?? ""]]
    }

    // MARK: Cells

    /// Text that must read back as itself: not empty, no surrounding spaces.
    private mutating func text(_ value: String, _ path: FieldPath) -> String {
        if value.isEmpty {
            refuse(path, "is empty, which a CSV cell cannot tell from a missing value")
        } else if value.trimmingSpaces.count != value.count {
            refuse(path, "begins or ends with a space, which reading a CSV cell trims")
        }
        return value
    }

    private mutating func refuse(_ path: FieldPath, _ message: String) {
        problems.append(Diagnostic(.error, at: path.description, message))
    }

    private mutating func optionalText(_ value: String?, _ path: FieldPath) -> String {
        value.map { text($0, path) } ?? ""
    }

    /// A `;`-separated list; an item must not itself contain `;`.
    private mutating func list(_ items: [String], _ path: FieldPath) -> String {
        for (index, item) in items.enumerated() {
            _ = text(item, path / index)
            if item.contains(RosterLayout.listSeparator) {
                refuse(path / index, "contains ';', which separates the items of a list in a CSV cell")
            }
        }
        return items.joined(separator: String(RosterLayout.listSeparator))
    }
}

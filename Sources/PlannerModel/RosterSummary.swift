/// What a planner needs to see before planning: the size of the week and, per language, demand
/// against supply, so that a shortage (Tigrinya hearings asking for a woman against two female
/// Tigrinya interpreters) is visible before any solving. Counts only: no ids, no individuals.
public struct RosterSummary: Sendable, Equatable, Codable {
    public struct LanguageLine: Sendable, Equatable, Codable {
        public var language: String
        public var hearings: Int
        /// Day parts of hearing time asked for (two-part hearings count twice).
        public var hearingSlots: Int
        public var askFemaleInterpreter: Int
        public var askMaleInterpreter: Int
        public var interpreters: [String: Int]
        /// Available interpreter day parts in the horizon, by gender of the interpreter.
        public var availableSlots: [String: Int]
    }

    public var start: Day
    public var end: Day
    public var workingDays: Int
    public var slotsPerDay: Int
    public var locations: Int
    public var rooms: Int?
    public var hearings: Int
    public var hearingsWithDeadlineInHorizon: Int
    public var overdueHearings: Int
    public var fixedHearings: Int
    public var highPriority: Int
    public var interpreterPreferences: Int
    public var officerPreferences: Int
    public var interpreters: Int
    public var officers: Int
    public var officersByGender: [String: Int]
    public var languages: [LanguageLine]

    public init(_ roster: Roster) {
        let calendar = WorkCalendar(roster.horizon)
        let horizon = roster.horizon
        start = horizon.start
        end = horizon.end
        workingDays = calendar.workingDays.count
        slotsPerDay = horizon.slots.count
        locations = roster.locations.count
        let roomCounts = roster.locations.map(\.rooms)
        rooms = roomCounts.contains(where: { $0 == nil }) ? nil : roomCounts.reduce(0) { $0 + ($1 ?? 0) }
        hearings = roster.hearings.count
        hearingsWithDeadlineInHorizon = roster.hearings.filter { $0.latest <= horizon.end }.count
        overdueHearings = roster.hearings.filter { $0.latest < horizon.start }.count
        fixedHearings = roster.hearings.filter { $0.fixed != nil }.count
        highPriority = roster.hearings.filter { $0.priority == .high }.count
        interpreterPreferences = roster.hearings.filter { $0.interpreterGender != nil }.count
        officerPreferences = roster.hearings.filter { $0.officerGender != nil }.count
        interpreters = roster.interpreters.count
        officers = roster.officers.count
        officersByGender = Dictionary(grouping: roster.officers, by: { $0.gender.rawValue }).mapValues(\.count)

        var lines: [String: LanguageLine] = [:]
        func line(_ code: String) -> LanguageLine {
            lines[code] ?? LanguageLine(
                language: code, hearings: 0, hearingSlots: 0, askFemaleInterpreter: 0, askMaleInterpreter: 0,
                interpreters: [:], availableSlots: [:])
        }
        for hearing in roster.hearings {
            var entry = line(hearing.language)
            entry.hearings += 1
            entry.hearingSlots += hearing.durationSlots
            if hearing.interpreterGender == .female { entry.askFemaleInterpreter += 1 }
            if hearing.interpreterGender == .male { entry.askMaleInterpreter += 1 }
            lines[hearing.language] = entry
        }
        for interpreter in roster.interpreters {
            let slots = Set(interpreter.available.filter { calendar.slotIndex(of: $0) != nil }).count
            for code in Set(interpreter.languages.map(\.code)) {
                var entry = line(code)
                entry.interpreters[interpreter.gender.rawValue, default: 0] += 1
                entry.availableSlots[interpreter.gender.rawValue, default: 0] += slots
                lines[code] = entry
            }
        }
        languages = lines.values.sorted { ($0.hearings, $1.language) > ($1.hearings, $0.language) }
    }

    /// A short text for the terminal.
    public var text: String {
        var out: [String] = []
        out.append("Horizon \(start)..\(end): \(workingDays) working days x \(slotsPerDay) day parts")
        out.append("Locations \(locations), rooms \(rooms.map(String.init) ?? "not limited everywhere")")
        out.append(
            "Hearings \(hearings): deadline in horizon \(hearingsWithDeadlineInHorizon), overdue \(overdueHearings), "
                + "fixed \(fixedHearings), high priority \(highPriority)")
        out.append("Preferences: interpreter \(interpreterPreferences), officer \(officerPreferences)")
        let officerText = officersByGender.keys.sorted().map { "\($0) \(officersByGender[$0]!)" }.joined(separator: ", ")
        out.append("Interpreters \(interpreters); officers \(officers) (\(officerText))")
        out.append("")
        let header = ["language", "hearings", "parts", "ask F", "ask M", "interp F", "interp M", "interp X", "slots F", "slots M", "slots X"]
        var rows = [header]
        for line in languages {
            rows.append([
                line.language, "\(line.hearings)", "\(line.hearingSlots)", "\(line.askFemaleInterpreter)",
                "\(line.askMaleInterpreter)", "\(line.interpreters["female"] ?? 0)", "\(line.interpreters["male"] ?? 0)",
                "\(line.interpreters["x"] ?? 0)", "\(line.availableSlots["female"] ?? 0)",
                "\(line.availableSlots["male"] ?? 0)", "\(line.availableSlots["x"] ?? 0)",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            out.append(row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  "))
        }
        let short = languages.filter { $0.askFemaleInterpreter > 0 && $0.askFemaleInterpreter > ($0.availableSlots["female"] ?? 0) }
        for line in short {
            out.append(
                "Shortage: \(line.language) has \(line.askFemaleInterpreter) request(s) for a female interpreter "
                    + "against \(line.availableSlots["female"] ?? 0) available day parts of female interpreters")
        }
        return out.joined(separator: "\n")
    }
}

/// What a column holds, so that a workbook can store its cells as dates, numbers or yes/no, and a
/// template can offer the closed values in a drop-down list.
public enum ColumnKind: Sendable, Equatable {
    case text
    /// `;`-separated items.
    case list
    case date
    /// A whole number of at least `minimum`.
    case integer(minimum: Int)
    /// A number of at least 0 (a weight of the score).
    case decimal
    /// true or false.
    case flag
    /// One of a closed set of values.
    case choice([String])
}

/// The columns of one table of a roster: their names in the order they are written, those a
/// table must have, and what each holds.
public struct TableLayout: Sendable {
    /// The CSV file's name (`hearings.csv`); a workbook's sheet drops the extension.
    public var name: String
    public var columns: [String]
    public var required: Set<String>
    /// The kind of each column that is not plain text.
    public var kinds: [String: ColumnKind] = [:]

    public var sheetName: String { RosterLayout.sheetName(of: name) }

    public func kind(of column: String) -> ColumnKind { kinds[column] ?? .text }
}

/// The tables of a roster (formats.md, "The same roster as CSV"): the files of a folder, or the
/// sheets of a workbook of the same names without `.csv`.
public enum RosterLayout {
    static let genders = Gender.allCases.map(\.rawValue)
    static let preferences = GenderPreference.allCases.map(\.rawValue)

    public static let horizon = TableLayout(name: "horizon.csv", columns: ["key", "value"], required: ["key", "value"])
    public static let policy = TableLayout(name: "policy.csv", columns: ["key", "value"], required: ["key", "value"])
    public static let locations = TableLayout(
        name: "locations.csv", columns: ["id", "name", "rooms"], required: ["id"], kinds: ["rooms": .integer(minimum: 0)])
    public static let hearings = TableLayout(
        name: "hearings.csv",
        columns: [
            "id", "kind", "language", "fallbackLanguages", "location", "durationSlots", "earliest", "latest",
            "interpreterGender", "officerGender", "priority", "requiredTrainings", "remoteInterpreterAllowed",
            "excludedInterpreters", "excludedOfficers", "fixedDate", "fixedSlot", "fixedInterpreter", "fixedOfficer",
        ],
        required: ["id", "language", "location", "earliest", "latest"],
        kinds: [
            "fallbackLanguages": .list, "durationSlots": .integer(minimum: 1), "earliest": .date, "latest": .date,
            "interpreterGender": .choice(preferences), "officerGender": .choice(preferences),
            "priority": .choice(Priority.allCases.map(\.rawValue)), "requiredTrainings": .list,
            "remoteInterpreterAllowed": .flag, "excludedInterpreters": .list, "excludedOfficers": .list,
            "fixedDate": .date,
        ])
    public static let interpreters = TableLayout(
        name: "interpreters.csv",
        columns: ["id", "gender", "languages", "onsiteLocations", "remote", "maxHearingsPerWeek"],
        required: ["id", "gender", "languages"],
        kinds: [
            "gender": .choice(genders), "languages": .list, "onsiteLocations": .list, "remote": .flag,
            "maxHearingsPerWeek": .integer(minimum: 0),
        ])
    public static let officers = TableLayout(
        name: "officers.csv", columns: ["id", "gender", "location", "trainings", "maxHearingsPerWeek"],
        required: ["id", "gender", "location"],
        kinds: ["gender": .choice(genders), "trainings": .list, "maxHearingsPerWeek": .integer(minimum: 0)])
    /// One row per available slot: `I-4,2026-12-07/AM`. The form the CSV writer uses.
    public static let availabilityBySlot = TableLayout(
        name: "availability.csv", columns: ["person", "slot"], required: ["person", "slot"])
    /// One row per available day: `I-4,2026-12-07,AM;PM`. The form the workbook writer uses.
    public static let availabilityByDate = TableLayout(
        name: "availability.csv", columns: ["person", "date", "slots"], required: ["person", "date", "slots"],
        kinds: ["date": .date, "slots": .list])

    /// Every table in the order a roster is written: the required ones, then `policy`.
    public static let tables = [horizon, locations, hearings, interpreters, officers, availabilityByDate, policy]

    /// The keys of `horizon`; `slotTimes.PART` rows come on top, one per day part.
    static let horizonKeys = ["start", "end", "holidays", "slots", "timeZone"]
    /// The horizon keys whose value is a date.
    static let horizonDateKeys: Set<String> = ["start", "end"]
    static let slotTimesPrefix = "slotTimes."
    /// The keys of `policy`.
    static let policyKeys = Policy.numericKeys.map(\.key) + ["maxChanges"]

    /// The separator of the items of a list-valued cell.
    static let listSeparator: Character = ";"
    /// Ends a language an interpreter is not registered for: `amh*`.
    static let unregisteredMark: Character = "*"

    /// `hearings` for `hearings.csv`.
    static func sheetName(of file: String) -> String {
        file.hasSuffix(".csv") ? String(file.dropLast(4)) : file
    }
}

/// The columns of one file of a roster folder: their names in the order they are written, and
/// those a file must have.
struct FileLayout: Sendable {
    var name: String
    var columns: [String]
    var required: Set<String>
}

/// The files of a roster folder (formats.md, "The same roster as CSV").
enum CSVLayout {
    static let horizon = FileLayout(name: "horizon.csv", columns: ["key", "value"], required: ["key", "value"])
    static let policy = FileLayout(name: "policy.csv", columns: ["key", "value"], required: ["key", "value"])
    static let locations = FileLayout(name: "locations.csv", columns: ["id", "name", "rooms"], required: ["id"])
    static let hearings = FileLayout(
        name: "hearings.csv",
        columns: [
            "id", "kind", "language", "fallbackLanguages", "location", "durationSlots", "earliest", "latest",
            "interpreterGender", "officerGender", "priority", "requiredTrainings", "remoteInterpreterAllowed",
            "excludedInterpreters", "excludedOfficers", "fixedDate", "fixedSlot", "fixedInterpreter", "fixedOfficer",
        ],
        required: ["id", "language", "location", "earliest", "latest"])
    static let interpreters = FileLayout(
        name: "interpreters.csv",
        columns: ["id", "gender", "languages", "onsiteLocations", "remote", "maxHearingsPerWeek"],
        required: ["id", "gender", "languages"])
    static let officers = FileLayout(
        name: "officers.csv", columns: ["id", "gender", "location", "trainings", "maxHearingsPerWeek"],
        required: ["id", "gender", "location"])
    /// One row per available slot: `I-4,2026-12-07/AM`. The form the writer uses.
    static let availabilityBySlot = FileLayout(
        name: "availability.csv", columns: ["person", "slot"], required: ["person", "slot"])
    /// One row per available day: `I-4,2026-12-07,AM;PM`.
    static let availabilityByDate = FileLayout(
        name: "availability.csv", columns: ["person", "date", "slots"], required: ["person", "date", "slots"])

    /// The keys of `horizon.csv`; `slotTimes.PART` rows come on top, one per day part.
    static let horizonKeys = ["start", "end", "holidays", "slots", "timeZone"]
    static let slotTimesPrefix = "slotTimes."
    /// The keys of `policy.csv`.
    static let policyKeys = Policy.numericKeys.map(\.key) + ["maxChanges"]

    /// The separator of the items of a list-valued cell.
    static let listSeparator: Character = ";"
    /// Ends a language an interpreter is not registered for: `amh*`.
    static let unregisteredMark: Character = "*"
}

/// One record of a table, with its cells found by column name.
struct CSVRow {
    var file: String
    var line: Int
    var cells: [String]
    /// 0-based cell index of each known column of the header.
    var columns: [String: Int]
    /// 0-based indices of cells with text that stand under no column of the header.
    var strayCells: [Int]

    /// The trimmed text of a column; empty when the file has no such column or the row is short.
    subscript(column: String) -> String {
        guard let index = columns[column], index < cells.count else { return "" }
        return cells[index]
    }

    /// The cell of a column, or the row's first cell when the file has no such column.
    func place(_ column: String) -> CSVPlace {
        CSVPlace(file: file, line: line, column: (columns[column] ?? 0) + 1)
    }
}

extension CSVTable {
    /// The records as rows, after checking the header against `layout`: an unknown or repeated
    /// column is logged, and so is a missing required one, which also makes `hasRequiredColumns`
    /// false (the rows are then only good for their ids).
    func rows(_ layout: FileLayout, log: inout DiagnosticLog) -> (rows: [CSVRow], hasRequiredColumns: Bool) {
        if header.cells.count == 1, let separator = header.cells[0].first(where: { $0 == ";" || $0 == "\t" }) {
            log.error(
                .csv(file, line: header.line, column: 1),
                "the columns are separated by \(separator == ";" ? "semicolons" : "tabs"), not commas; save the file as \"CSV UTF-8 (comma delimited)\"")
            return ([], false)
        }
        var columns: [String: Int] = [:]
        var namedIndices = Set<Int>()
        let allowed = Set(layout.columns)
        for (index, name) in header.cells.enumerated() where !name.isEmpty {
            let place = FieldPath.csv(file, line: header.line, column: index + 1)
            namedIndices.insert(index)
            if let first = columns[name] {
                log.error(place, "the column \"\(name)\" appears twice (also column \(first + 1))")
            } else if allowed.contains(name) {
                columns[name] = index
            } else {
                log.error(place, "unknown column \"\(name)\"\(FieldReader.suggestion(for: name, among: allowed))")
            }
        }
        let missing = layout.columns.filter { layout.required.contains($0) && columns[$0] == nil }
        for name in missing {
            log.error(.csv(file, line: header.line, column: 1), "the header has no column \"\(name)\", which is required")
        }
        let rows = records.map { record in
            CSVRow(
                file: file, line: record.line, cells: record.cells, columns: columns,
                strayCells: record.cells.indices.filter { !namedIndices.contains($0) && !record.cells[$0].isEmpty })
        }
        return (rows, missing.isEmpty)
    }
}

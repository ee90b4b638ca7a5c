/// A roster as the sheets of a workbook: one sheet per table of the CSV folder, named as its file
/// without `.csv` (`hearings`), with the same columns. The workbook itself (its zip container and
/// XML) is read and written elsewhere; here are the tables and their decoding, shared with the CSV
/// folder so that both say the same sentences. Places are `sheet!CELL` (`hearings!F14`).
public enum RosterSheets {
    /// The sheets a roster workbook must have, in the order they are written.
    public static let requiredNames = RosterTableDecoder.requiredFiles.map(RosterLayout.sheetName(of:))
    /// The sheets it may have.
    public static let optionalNames = [RosterLayout.policy.sheetName]

    /// The keys of the `policy` sheet, in the order they are written.
    public static let policyKeys = RosterLayout.policyKeys

    /// The roster sheet a workbook's sheet stands for, or nil for another sheet (notes, an
    /// explanation). Spreadsheets treat sheet names without regard to case, and so does this.
    public static func rosterSheet(named name: String) -> String? {
        let wanted = name.trimmingSpaces.lowercased()
        return (requiredNames + optionalNames).first { $0 == wanted }
    }

    /// Decodes the roster sheets of a workbook.
    ///
    /// - Parameters:
    ///   - tables: the roster sheets by their name as `rosterSheet(named:)` gives it.
    ///   - others: the names of the workbook's other sheets; one named almost as a roster sheet
    ///     (`polcy`) is an error, so that a misspelling does not pass silently.
    ///   - source: how to name the workbook itself in a diagnostic (its file name).
    public static func read(tables: [String: RosterTable], others: [String], source: String) -> RosterSource {
        var input = TableInput(style: .workbook(source: source))
        for (name, table) in tables {
            input.tables[name + ".csv"] = table
        }
        input.others = others
        return RosterTableDecoder.source(of: input)
    }

    /// A workbook that cannot be read at all: one error, placed at the workbook.
    public static func unreadable(source: String, _ message: String) -> RosterSource {
        var log = DiagnosticLog()
        log.error(.root, message)
        return RosterSource(roster: nil, log: log, locate: { _ in source })
    }

    /// One table of a roster to write as a sheet: the header, then the rows, every cell as the CSV
    /// folder writes it (empty for a default), with the kind of each so that dates, numbers and
    /// yes/no are stored as such.
    public struct Sheet: Sendable {
        public var layout: TableLayout
        /// The header first.
        public var rows: [[String]]

        public var name: String { layout.sheetName }

        public init(layout: TableLayout, rows: [[String]]) {
            self.layout = layout
            self.rows = rows
        }

        /// The kind of the cell in `column` of data row `row` (1 for the first row below the
        /// header): by its column, and in `horizon` and `policy` by the row's key.
        public func kind(row: Int, column: Int) -> ColumnKind {
            guard rows.indices.contains(row), rows[0].indices.contains(column) else { return .text }
            let name = rows[0][column]
            if layout.columns == ["key", "value"] {
                guard name == "value", let key = rows[row].first else { return .text }
                if layout.name == RosterLayout.horizon.name {
                    return RosterLayout.horizonDateKeys.contains(key) ? .date : .text
                }
                return key == "maxChanges" ? .integer(minimum: 0) : .decimal
            }
            return layout.kind(of: name)
        }
    }

    /// The roster as sheets: availability one row per day, `policy` only when the policy is not
    /// the default. Reading them back gives an equal roster.
    ///
    /// - Throws: `RosterCSV.WriteError` listing every value a cell cannot hold so that it reads
    ///   back the same (a list item with `;`, text with surrounding spaces, ...).
    public static func write(_ roster: Roster) throws -> [Sheet] {
        var encoder = RosterCSVEncoder()
        encoder.isAvailabilityByDate = true
        let tables = encoder.tables(for: roster)
        guard encoder.problems.isEmpty else { throw RosterCSV.WriteError(diagnostics: encoder.problems) }
        return tables.compactMap { name, rows in
            let layout = name == RosterLayout.availabilityByDate.name
                ? RosterLayout.availabilityByDate
                : RosterLayout.tables.first { $0.name == name }
            return layout.map { Sheet(layout: $0, rows: rows) }
        }
    }
}

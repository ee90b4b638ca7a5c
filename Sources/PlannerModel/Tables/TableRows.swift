/// One record of a table, with its cells found by column name.
struct TableRow {
    var file: String
    var line: Int
    var cells: [TableCell]
    /// 0-based cell index of each known column of the header.
    var columns: [String: Int]
    /// 0-based indices of cells with text that stand under no column of the header.
    var strayCells: [Int]
    var dialect: TableDialect

    /// The cell of a column; empty when the table has no such column or the row is short.
    func cell(_ column: String) -> TableCell {
        guard let index = columns[column], index < cells.count else { return .empty }
        return cells[index]
    }

    /// The trimmed text of a column; empty when the table has no such column or the row is short.
    subscript(column: String) -> String { cell(column).text }

    /// The cell of a column, or the row's first cell when the table has no such column.
    func place(_ column: String) -> TablePlace {
        TablePlace(file: file, line: line, column: (columns[column] ?? 0) + 1)
    }
}

/// A cell of a table: `line` is the line of a CSV file where the record starts (the header is
/// line 1) or a sheet's row; `column` the 1-based position of the cell in its record.
struct TablePlace: Sendable, Hashable {
    var file: String
    var line: Int
    var column: Int
}

extension FieldPath {
    /// A place in a table, kept in a `DiagnosticLog` until `TablePlaces` prints it for its source
    /// (`hearings.csv:14:6`, `hearings!F14`). Model paths never start with a `.csv` key.
    static func table(_ file: String, line: Int? = nil, column: Int? = nil) -> FieldPath {
        FieldPath([.key(file)] + [line, column].compactMap { $0.map(Component.index) })
    }

    static func table(_ place: TablePlace) -> FieldPath { .table(place.file, line: place.line, column: place.column) }
}

/// A table of one layout: its header and records, named by the layout's file.
struct NamedTable {
    var file: String
    var table: RosterTable
    var header: TableRecord
    var records: ArraySlice<TableRecord>
}

extension NamedTable {
    /// The records as rows, after checking the header against `layout`: an unknown or repeated
    /// column is logged, and so is a missing required one, which also makes `hasRequiredColumns`
    /// false (the rows are then only good for their ids).
    func rows(_ layout: TableLayout, log: inout DiagnosticLog) -> (rows: [TableRow], hasRequiredColumns: Bool) {
        var columns: [String: Int] = [:]
        var namedIndices = Set<Int>()
        let allowed = Set(layout.columns)
        for (index, cell) in header.cells.enumerated() where !cell.text.isEmpty {
            let name = cell.text
            let place = FieldPath.table(file, line: header.line, column: index + 1)
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
            log.error(.table(file, line: header.line, column: 1), "the header has no column \"\(name)\", which is required")
        }
        let rows = records.map { record in
            TableRow(
                file: file, line: record.line, cells: record.cells, columns: columns,
                strayCells: record.cells.indices.filter { !namedIndices.contains($0) && !record.cells[$0].isEmpty },
                dialect: table.dialect)
        }
        return (rows, missing.isEmpty)
    }
}

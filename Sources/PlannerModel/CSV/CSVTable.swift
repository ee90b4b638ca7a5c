import CSV

/// A cell of a CSV file. `line` is the physical line of the file where the cell's record starts
/// (the header is line 1); `column` is the 1-based position of the cell in its record.
struct CSVPlace: Sendable, Hashable, CustomStringConvertible {
    var file: String
    var line: Int
    var column: Int

    var description: String { "\(file):\(line):\(column)" }
}

extension FieldPath {
    /// A place in a CSV file, kept in a `DiagnosticLog` until `CSVPlaces` prints it as
    /// `file:line:column`, `file:line` or `file`. Model paths never start with a `.csv` key.
    static func csv(_ file: String, line: Int? = nil, column: Int? = nil) -> FieldPath {
        FieldPath([.key(file)] + [line, column].compactMap { $0.map(Component.index) })
    }

    static func csv(_ place: CSVPlace) -> FieldPath { .csv(place.file, line: place.line, column: place.column) }
}

/// One CSV file as records of trimmed cells, each with the physical line it starts on.
///
/// A record's line counts every line break before it, also those inside quoted cells, so it is
/// the line a text editor shows. Blank records (blank lines, and rows of empty cells as
/// spreadsheets export them) are left out but still counted.
struct CSVTable {
    struct Record {
        var line: Int
        var cells: [String]
    }

    var file: String
    /// The first record that is not blank.
    var header: Record
    var records: [Record]
}

extension CSVTable {
    private static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Splits a file into records. Text that is not UTF-8, quoting the CSV library would misread,
    /// and a file without a header line are logged, and give `nil`.
    static func parse(_ bytes: [UInt8], file: String, log: inout DiagnosticLog) -> CSVTable? {
        guard let text = decodeText(bytes, file: file, log: &log),
              hasSoundQuotes(text, file: file, log: &log),
              let reader = try? CSVReader(string: text, hasHeaderRow: false, trimFields: true)
        else { return nil }
        var records: [Record] = []
        var line = 1
        while let cells = reader.next() {
            let trimmed = cells.map { String($0.trimmingSpaces) }
            if trimmed.contains(where: { !$0.isEmpty }) {
                records.append(Record(line: line, cells: trimmed))
            }
            line += 1 + cells.reduce(0) { $0 + lineBreaks(in: $1) }
        }
        guard let header = records.first else {
            log.error(.csv(file, line: 1, column: 1), "the file is empty; it needs at least its header line")
            return nil
        }
        return CSVTable(file: file, header: header, records: Array(records.dropFirst()))
    }

    /// The text of the file without a byte-order mark, or `nil` after logging where it is not UTF-8.
    private static func decodeText(_ bytes: [UInt8], file: String, log: inout DiagnosticLog) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            log.error(.csv(file), "the file is saved as UTF-16; save it as \"CSV UTF-8\" instead")
            return nil
        }
        var input = (bytes.starts(with: utf8BOM) ? bytes.dropFirst(utf8BOM.count) : bytes[...]).makeIterator()
        var decoder = Unicode.UTF8()
        var scalars = String.UnicodeScalarView()
        var line = 1
        while true {
            switch decoder.decode(&input) {
            case .scalarValue(let scalar):
                if scalar == "\r" || (scalar == "\n" && scalars.last != "\r") { line += 1 }
                scalars.append(scalar)
            case .emptyInput:
                return String(scalars)
            case .error:
                log.error(.csv(file, line: line), "this line is not UTF-8 text; save the file as \"CSV UTF-8\"")
                return nil
            }
        }
    }

    /// The CSV library reads a quote that is never closed as one cell running to the end of the
    /// file, and drops a character written right after a closing quote, both without a word.
    /// This walks the text as the library does (cells trimmed) and logs the first such place.
    private static func hasSoundQuotes(_ text: String, file: String, log: inout DiagnosticLog) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var line = 1
        var column = 1
        var isAtCellStart = true
        var openedAt: (line: Int, column: Int)?
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\r" || scalar == "\n" {
                if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
                line += 1
                if openedAt == nil {
                    column = 1
                    isAtCellStart = true
                }
            } else if let opened = openedAt {
                guard scalar == "\"" else { continue }
                var next = index
                while next < scalars.count, isBlank(scalars[next]) { next += 1 }
                if next == scalars.count || ["\r", "\n", ","].contains(scalars[next]) {
                    openedAt = nil
                    index = next
                } else if scalars[next] == "\"" {
                    index = next + 1  // "" is a quote inside the cell
                } else {
                    log.error(
                        .csv(file, line: line, column: opened.column),
                        "text follows the closing quote of this cell; quote the whole cell and write a quote inside it as two quotes (\"\")")
                    return false
                }
            } else if scalar == "," {
                column += 1
                isAtCellStart = true
            } else if scalar == "\"" && isAtCellStart {
                openedAt = (line, column)
            } else if !isBlank(scalar) {
                isAtCellStart = false
            }
        }
        if let opened = openedAt {
            log.error(
                .csv(file, line: opened.line, column: opened.column),
                "the quote that opens this cell is never closed, so the rest of the file would be one cell")
            return false
        }
        return true
    }

    /// The spaces the CSV library trims around cells: tab and the Unicode space separators.
    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// Line breaks inside a cell: CR LF, LF and a lone CR each count once, as the library reads them.
    private static func lineBreaks(in cell: String) -> Int {
        var count = 0
        var isAfterCR = false
        for scalar in cell.unicodeScalars {
            if scalar == "\r" || (scalar == "\n" && !isAfterCR) { count += 1 }
            isAfterCR = scalar == "\r"
        }
        return count
    }
}

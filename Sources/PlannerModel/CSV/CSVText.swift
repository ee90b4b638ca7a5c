import CSV
import Foundation

/// One CSV file read as a table: its encoding and separator found, its records split into
/// trimmed cells, each with the physical line it starts on.
///
/// A record's line counts every line break before it, also those inside quoted cells, so it is
/// the line a text editor shows. Blank records (blank lines, and rows of empty cells as
/// spreadsheets export them) are left out but still counted.
///
/// Spreadsheets write CSV in two dialects: commas between cells and a point as decimal mark, or,
/// set to Dutch, semicolons between cells, a comma as decimal mark and dates day first
/// (`7-12-2026`). The header line tells which. The text is UTF-8, with or without a byte-order
/// mark, or Windows-1252 (what Excel's plain "CSV" writes on a Dutch Windows).
enum CSVText {
    private static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// The bytes Windows-1252 leaves undefined: text that has them is in some other encoding.
    private static let undefinedInWindows1252: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]

    /// The table of a file, or `nil` after logging why the file cannot be read as one.
    static func table(_ bytes: [UInt8], file: String, log: inout DiagnosticLog) -> RosterTable? {
        guard let text = decodeText(bytes, file: file, log: &log),
              let (delimiter, dialect) = separator(of: text, file: file, log: &log),
              hasSoundQuotes(text, delimiter: delimiter, file: file, log: &log),
              let reader = try? CSVReader(string: text, hasHeaderRow: false, trimFields: true, delimiter: delimiter)
        else { return nil }
        var records: [TableRecord] = []
        var line = 1
        while let cells = reader.next() {
            let trimmed = cells.map { String($0.trimmingSpaces) }
            if trimmed.contains(where: { !$0.isEmpty }) {
                records.append(TableRecord(line: line, cells: trimmed.map { TableCell($0) }))
            }
            line += 1 + cells.reduce(0) { $0 + lineBreaks(in: $1) }
        }
        return RosterTable(records: records, dialect: dialect)
    }

    // MARK: Encoding

    /// The text of the file without a byte-order mark, or `nil` after logging what was found instead.
    private static func decodeText(_ bytes: [UInt8], file: String, log: inout DiagnosticLog) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            log.error(.table(file), "the file is saved as UTF-16; save it as \"CSV UTF-8\" instead")
            return nil
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            log.error(.table(file), "this is a zip file, such as an .xlsx workbook, not CSV text; give a workbook as one .xlsx file, or save each sheet as \"CSV UTF-8\"")
            return nil
        }
        let hasBOM = bytes.starts(with: utf8BOM)
        let body = hasBOM ? bytes.dropFirst(utf8BOM.count) : bytes[...]
        if let zero = body.firstIndex(of: 0) {
            log.error(
                .table(file, line: lineNumber(of: zero, in: body)),
                "this line has a zero byte, so the file is not text as a spreadsheet saves CSV (UTF-16, or not text at all); save it as \"CSV UTF-8\"")
            return nil
        }
        switch utf8Text(body) {
        case .success(let text):
            return text
        case .failure(let badLine) where hasBOM:
            log.error(.table(file, line: badLine.line), "this line is not UTF-8 text, though the file begins with the mark of UTF-8; save the file as \"CSV UTF-8\"")
            return nil
        case .failure:
            // Not UTF-8: what Excel's plain "CSV" writes on a Dutch Windows is Windows-1252.
            if let undefined = body.firstIndex(where: undefinedInWindows1252.contains) {
                log.error(
                    .table(file, line: lineNumber(of: undefined, in: body)),
                    "this line is neither UTF-8 nor Windows-1252 text (it has the byte 0x\(String(body[undefined], radix: 16, uppercase: true)), which Windows-1252 does not use); save the file as \"CSV UTF-8\"")
                return nil
            }
            guard let text = String(data: Data(body), encoding: .windowsCP1252) else {
                log.error(.table(file), "the file is neither UTF-8 nor Windows-1252 text; save it as \"CSV UTF-8\"")
                return nil
            }
            return text
        }
    }

    private struct BadLine: Error {
        var line: Int
    }

    /// The text, or the line of the first byte sequence that is not UTF-8.
    private static func utf8Text(_ bytes: ArraySlice<UInt8>) -> Result<String, BadLine> {
        var input = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        var scalars = String.UnicodeScalarView()
        var line = 1
        while true {
            switch decoder.decode(&input) {
            case .scalarValue(let scalar):
                if scalar == "\r" || (scalar == "\n" && scalars.last != "\r") { line += 1 }
                scalars.append(scalar)
            case .emptyInput:
                return .success(String(scalars))
            case .error:
                return .failure(BadLine(line: line))
            }
        }
    }

    /// The 1-based line of the byte at `index`: CR LF, LF and a lone CR each end a line.
    private static func lineNumber(of index: ArraySlice<UInt8>.Index, in bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        var previous: UInt8 = 0
        for byte in bytes[..<index] {
            if byte == 0x0D || (byte == 0x0A && previous != 0x0D) { line += 1 }
            previous = byte
        }
        return line
    }

    // MARK: Separator

    /// The separator of the cells, told by the header (the first line with text): commas, or
    /// semicolons as a spreadsheet set to Dutch writes them. Tabs are refused.
    private static func separator(
        of text: String, file: String, log: inout DiagnosticLog
    ) -> (Unicode.Scalar, TableDialect)? {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var isQuoted = false
        var hasText = false
        var line = 1
        for scalar in text.unicodeScalars {
            if scalar == "\"" { isQuoted.toggle() }
            if !isQuoted && (scalar == "\n" || scalar == "\r") {
                if hasText { break }
                line += scalar == "\n" ? 1 : 0
                continue
            }
            if !isQuoted, counts[scalar] != nil { counts[scalar, default: 0] += 1 }
            if !isBlank(scalar) && scalar != "," && scalar != ";" { hasText = true }
        }
        let commas = counts[","] ?? 0, semicolons = counts[";"] ?? 0, tabs = counts["\t"] ?? 0
        if tabs > max(commas, semicolons) {
            log.error(
                .table(file, line: line, column: 1),
                "the columns are separated by tabs; save the file as \"CSV UTF-8\" (commas or semicolons between the cells)")
            return nil
        }
        return semicolons > commas ? (";", .dutch) : (",", .standard)
    }

    // MARK: Quotes

    /// The CSV library reads a quote that is never closed as one cell running to the end of the
    /// file, and drops a character written right after a closing quote, both without a word.
    /// This walks the text as the library does (cells trimmed) and logs the first such place.
    private static func hasSoundQuotes(
        _ text: String, delimiter: Unicode.Scalar, file: String, log: inout DiagnosticLog
    ) -> Bool {
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
                if next == scalars.count || ["\r", "\n", delimiter].contains(scalars[next]) {
                    openedAt = nil
                    index = next
                } else if scalars[next] == "\"" {
                    index = next + 1  // "" is a quote inside the cell
                } else {
                    log.error(
                        .table(file, line: line, column: opened.column),
                        "text follows the closing quote of this cell; quote the whole cell and write a quote inside it as two quotes (\"\")")
                    return false
                }
            } else if scalar == delimiter {
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
                .table(file, line: opened.line, column: opened.column),
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

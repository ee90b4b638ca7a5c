import Foundation
import Localization
import PlannerModel

/// Sheets as CSV files for people: what a spreadsheet in their language opens with a double click.
/// Dutch: semicolons between cells and a decimal comma; English: commas and a decimal point.
/// UTF-8 with the byte-order mark by which spreadsheets recognise it, Windows line ends, dates
/// as `YYYY-MM-DD`. A sheet's title row is left out, so that each file begins with its header.
public enum DelimitedText {
    public static func bytes(of sheet: SheetDocument.Sheet, language: Language) -> [UInt8] {
        let separator: Character = language == .nl ? ";" : ","
        var text = ""
        let rows = sheet.rows.drop { row in row.first?.style == .title || row.isEmpty }
        for row in rows {
            text += row.map { field($0.value, separator: separator, language: language) }.joined(separator: String(separator))
            text += "\r\n"
        }
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// A file name for a sheet: its name with spaces as dashes, and `.csv`.
    public static func fileName(of sheet: SheetDocument.Sheet) -> String {
        sheet.name.replacingOccurrences(of: " ", with: "-") + ".csv"
    }

    private static func field(_ value: SheetDocument.Value, separator: Character, language: Language) -> String {
        let text: String
        switch value {
        case .empty: return ""
        case .text(let string): text = string
        case .number(let number):
            text = language == .nl ? number.decimalText.replacingOccurrences(of: ".", with: ",") : number.decimalText
        case .date(let day): text = day.description
        case .boolean(let flag): text = flag ? "true" : "false"
        }
        guard text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension PlanExport {
    /// The export as one .xlsx workbook.
    public func workbook() throws -> [UInt8] {
        try XLSXWriter.bytes(of: document())
    }

    /// The export as CSV files by name: every sheet but those of single people (the list of
    /// hearings has a column for each person, to filter on).
    public func csvFiles() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for (kind, sheet) in sheets() where kind != .person {
            files[DelimitedText.fileName(of: sheet)] = DelimitedText.bytes(of: sheet, language: language)
        }
        return files
    }
}

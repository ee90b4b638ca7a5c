/// One cell of a roster table as its source gives it: the text the decoder reads, and for a cell
/// of a workbook the kind of value it held, so that a number typed where a date belongs is told
/// apart from a date.
public struct TableCell: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Text, and every cell of a CSV file.
        case text
        /// A number without a date format.
        case number
        /// A date: a number with a date format, or a date cell; `text` is `YYYY-MM-DD`.
        case date
        /// TRUE or FALSE; `text` is `true` or `false`.
        case boolean
    }

    public var text: String
    public var kind: Kind
    /// Why the cell cannot be read at all (an error value such as `#N/A`, a formula without a
    /// saved value, a date before 1900), in a planner's words; reported at the cell.
    public var problem: String?

    public init(_ text: String, kind: Kind = .text, problem: String? = nil) {
        self.text = text
        self.kind = kind
        self.problem = problem
    }

    public static let empty = TableCell("")

    public var isEmpty: Bool { text.isEmpty && problem == nil }
}

/// A row of a table that is not blank, with the line (CSV) or row number (sheet) it stands on.
public struct TableRecord: Sendable {
    /// 1-based: the physical line of a CSV file where the record starts, or a sheet's row number.
    public var line: Int
    /// The cells from the first column on; a missing cell is empty.
    public var cells: [TableCell]

    public init(line: Int, cells: [TableCell]) {
        self.line = line
        self.cells = cells
    }
}

/// One part of a roster as a table: a CSV file of a folder or a sheet of a workbook. Blank rows
/// are left out, their lines still counted.
public struct RosterTable: Sendable {
    /// A problem of the table found while reading it, such as merged cells, at a cell.
    public struct Problem: Sendable {
        public var line: Int
        public var column: Int
        public var message: String

        public init(line: Int, column: Int, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// The header first (the first record that is not blank), then the data.
    public var records: [TableRecord]
    public var problems: [Problem]
    /// How text cells write numbers and dates: Dutch CSV has a decimal comma and day-first dates.
    var dialect: TableDialect

    public init(records: [TableRecord], problems: [Problem] = []) {
        self.init(records: records, problems: problems, dialect: .standard)
    }

    init(records: [TableRecord], problems: [Problem] = [], dialect: TableDialect) {
        self.records = records
        self.problems = problems
        self.dialect = dialect
    }
}

/// How the text of a table's cells writes numbers and dates.
struct TableDialect: Sendable, Equatable {
    /// `2,5`: a comma as the decimal mark (a `;`-separated CSV file from a Dutch spreadsheet).
    var hasDecimalComma: Bool
    /// `7-12-2026` is read as 7 December 2026, beside `2026-12-07`.
    var hasDayFirstDates: Bool

    static let standard = TableDialect(hasDecimalComma: false, hasDayFirstDates: false)
    /// A spreadsheet set to Dutch: `;` between cells, `,` as decimal mark, dates day first.
    static let dutch = TableDialect(hasDecimalComma: true, hasDayFirstDates: true)
}

/// Where the tables of a roster come from, which decides how places and files are named.
enum TableStyle: Sendable {
    /// A folder of CSV files: `hearings.csv:14:6`.
    case csvFolder
    /// A workbook with a sheet per table: `hearings!F14`; `source` names the workbook itself.
    case workbook(source: String)

    /// `hearings.csv`, or the sheet `hearings`, for the table whose layout is named `file`.
    func name(_ file: String) -> String {
        switch self {
        case .csvFolder: file
        case .workbook: RosterLayout.sheetName(of: file)
        }
    }

    /// A cell, a line or a whole table as a planner finds it.
    func place(_ file: String, line: Int? = nil, column: Int? = nil) -> String {
        switch self {
        case .csvFolder:
            return ([file] + [line, column].compactMap { $0.map(String.init) }).joined(separator: ":")
        case .workbook:
            let sheet = RosterLayout.sheetName(of: file)
            guard let line else { return sheet }
            return "\(sheet)!\(Self.columnLetters(column ?? 1))\(line)"
        }
    }

    var isFolder: Bool {
        if case .csvFolder = self { return true }
        return false
    }

    /// The place of something that concerns the whole source.
    var wholePlace: String {
        switch self {
        case .csvFolder: "the roster folder"
        case .workbook(let source): source
        }
    }

    /// "file" or "sheet".
    var unit: String {
        switch self {
        case .csvFolder: "file"
        case .workbook: "sheet"
        }
    }

    /// "line" or "row".
    var lineWord: String {
        switch self {
        case .csvFolder: "line"
        case .workbook: "row"
        }
    }

    /// `A` for 1, `Z` for 26, `AA` for 27: a column as a spreadsheet names it.
    static func columnLetters(_ column: Int) -> String {
        var number = max(column, 1)
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }
}

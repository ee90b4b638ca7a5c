import PlannerModel

/// A workbook to write, as plain data: sheets of cells with their look, column widths, frozen
/// rows, drop-down lists and page setup. The template and the plan export are made as this; the
/// .xlsx writer and the CSV writer each turn it into bytes, so what goes in which cell is decided
/// once and can be tested without a file.
public struct SheetDocument: Sendable {
    public var sheets: [Sheet]
    /// The workbook's title in its properties.
    public var title: String

    public init(title: String, sheets: [Sheet] = []) {
        self.title = title
        self.sheets = sheets
    }

    /// A value in a cell.
    public enum Value: Sendable, Equatable {
        case empty
        case text(String)
        case number(Double)
        /// Stored as a spreadsheet date, shown `YYYY-MM-DD`.
        case date(Day)
        case boolean(Bool)
    }

    /// How a cell looks. Nothing is told by colour alone: every look goes with words.
    public enum Style: Sendable, Hashable {
        case plain
        /// A column heading: bold, shaded, a line below, wrapped.
        case header
        /// The title of a sheet: bold and larger.
        case title
        /// A heading inside a sheet, such as a day: bold, a line above.
        case section
        /// Wrapped text, top aligned, for sentences.
        case wrap
        /// A note: italic.
        case note
        /// A cell to look at, such as an unmet preference: bold on a light shade.
        case attention
    }

    public struct Cell: Sendable, Equatable {
        public var value: Value
        public var style: Style

        public init(_ value: Value, _ style: Style = .plain) {
            self.value = value
            self.style = style
        }

        public static func text(_ text: String, _ style: Style = .plain) -> Cell { Cell(text.isEmpty ? .empty : .text(text), style) }
    }

    /// A rule on what a range of cells may hold, shown as a drop-down list or checked on entry.
    public struct Validation: Sendable, Equatable {
        public enum Rule: Sendable, Equatable {
            case list([String])
            /// Any value: only the prompt is shown.
            case any
            case wholeNumber(minimum: Int)
            case decimal(minimum: Double)
            case date
        }

        public var column: Int
        /// The rows it covers, 0-based and inclusive.
        public var rows: ClosedRange<Int>
        public var rule: Rule
        /// Shown when the cell is selected (at most 255 characters; a title of at most 32).
        public var promptTitle: String
        public var prompt: String
        /// Whether another value is refused (a stop) rather than only warned about.
        public var isStrict: Bool
    }

    public struct PageSetup: Sendable, Equatable {
        public var isLandscape = false
        /// Scaled to one page wide, as many pages long as needed.
        public var fitsWidth = true
        /// The first rows, printed again at the top of every page.
        public var repeatedRows = 0
        /// Printed at the top left of every page (the sheet's name is printed at the right).
        public var header: String?
        /// A page break before each of these rows (0-based).
        public var breaksBeforeRows: [Int] = []

        public init() {}
    }

    public struct Sheet: Sendable {
        public var name: String
        /// The rows from the top, each a row of cells from the left.
        public var rows: [[Cell]] = []
        /// Widths in characters, by column; a column not named keeps the default width.
        public var columnWidths: [Double] = []
        /// The look of cells typed later into a column (dates shown `YYYY-MM-DD`, text kept as text).
        public var columnFormats: [Int: ColumnFormat] = [:]
        /// Rows and columns that stay in view when scrolling.
        public var frozenRows = 0
        public var frozenColumns = 0
        /// A filter on the columns of this 0-based header row.
        public var filterRow: Int?
        public var validations: [Validation] = []
        public var page = PageSetup()
        public var isHidden = false

        public init(name: String) {
            self.name = name
        }

        public mutating func append(_ cells: [Cell]) { rows.append(cells) }
    }

    public enum ColumnFormat: Sendable, Equatable {
        /// Typed text stays text (`0012` is not turned into 12).
        case text
        /// Typed dates show as `YYYY-MM-DD`.
        case date
    }
}

/// Sheet names as spreadsheets allow them: at most 31 characters, none of `[]:*?/\`, not
/// beginning or ending with an apostrophe, and unique without regard to case.
public struct SheetNames: Sendable {
    private var used = Set<String>()

    public init() {}

    /// A name for `wanted` that may be used and is not yet taken.
    public mutating func name(_ wanted: String) -> String {
        let forbidden = Set("[]:*?/\\")
        var base = String(wanted.map { forbidden.contains($0) ? "_" : $0 })
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        if base.isEmpty { base = "_" }
        var candidate = String(base.prefix(31))
        var number = 2
        while used.contains(candidate.lowercased()) {
            let suffix = " (\(number))"
            candidate = String(base.prefix(31 - suffix.count)) + suffix
            number += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }
}

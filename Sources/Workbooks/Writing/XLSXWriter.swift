import CXLSXWriter
import Foundation
import PlannerModel

/// Why a workbook could not be written.
public struct WorkbookWriteError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Writes a `SheetDocument` as an .xlsx workbook with libxlsxwriter (Debian's libxlsxwriter-dev).
/// The only code that calls libxlsxwriter; its pointers stay in this file.
///
/// libxlsxwriter writes to a file, so the workbook is made in a new private temporary folder,
/// read back and the folder removed.
public enum XLSXWriter {
    public static func bytes(of document: SheetDocument) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearing-planner-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("workbook.xlsx").path
        try write(document, to: path, temporaryFolder: folder.path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkbookWriteError(description: "the workbook was written but cannot be read back")
        }
        return Array(data)
    }

    private static func write(_ document: SheetDocument, to path: String, temporaryFolder: String) throws {
        let strings = CStrings()
        var options = lxw_workbook_options()
        options.tmpdir = strings.keep(temporaryFolder)
        guard let workbook = workbook_new_opt(path, &options) else {
            throw WorkbookWriteError(description: "libxlsxwriter could not start a workbook")
        }
        var properties = lxw_doc_properties()
        properties.title = strings.keep(document.title)
        workbook_set_properties(workbook, &properties)
        let formats = Formats(workbook)
        var problem: String?
        for sheet in document.sheets where problem == nil {
            guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
                problem = "the sheet name \"\(sheet.name)\" cannot be used"
                break
            }
            problem = fill(worksheet, with: sheet, formats: formats, strings: strings)
        }
        if let first = document.sheets.firstIndex(where: { !$0.isHidden }),
           let worksheet = workbook_get_worksheet_by_name(workbook, document.sheets[first].name) {
            worksheet_activate(worksheet)
        }
        let closed = withExtendedLifetime(strings) { workbook_close(workbook) }
        if let problem { throw WorkbookWriteError(description: problem) }
        guard closed == LXW_NO_ERROR else {
            throw WorkbookWriteError(description: "libxlsxwriter: \(String(cString: lxw_strerror(closed)))")
        }
    }

    /// Writes the cells and settings of one sheet; the first problem, if any.
    private static func fill(
        _ worksheet: UnsafeMutablePointer<lxw_worksheet>, with sheet: SheetDocument.Sheet, formats: Formats, strings: CStrings
    ) -> String? {
        for (column, width) in sheet.columnWidths.enumerated() {
            let format = sheet.columnFormats[column].map(formats.column)
            worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), width, format)
        }
        for (column, format) in sheet.columnFormats where column >= sheet.columnWidths.count {
            worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), 8.43, formats.column(format))
        }
        for (rowIndex, cells) in sheet.rows.enumerated() {
            let row = lxw_row_t(rowIndex)
            if let height = rowHeight(cells, widths: sheet.columnWidths) {
                worksheet_set_row(worksheet, row, height, nil)
            }
            for (columnIndex, cell) in cells.enumerated() {
                let column = lxw_col_t(columnIndex)
                let format = formats.cell(cell.style, isDate: cell.value.isDate)
                let result: lxw_error
                switch cell.value {
                case .empty:
                    result = cell.style == .plain ? LXW_NO_ERROR : worksheet_write_blank(worksheet, row, column, format)
                case .text(let text):
                    result = worksheet_write_string(worksheet, row, column, Self.fitting(text), format)
                case .number(let number):
                    result = worksheet_write_number(worksheet, row, column, number, format)
                case .date(let day):
                    let (year, month, date) = day.components
                    var moment = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(date), hour: 0, min: 0, sec: 0)
                    result = worksheet_write_datetime(worksheet, row, column, &moment, format)
                case .boolean(let flag):
                    result = worksheet_write_boolean(worksheet, row, column, flag ? 1 : 0, format)
                }
                guard result == LXW_NO_ERROR else {
                    return "sheet \(sheet.name), row \(rowIndex + 1): \(String(cString: lxw_strerror(result)))"
                }
            }
        }
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            worksheet_freeze_panes(worksheet, lxw_row_t(sheet.frozenRows), lxw_col_t(sheet.frozenColumns))
        }
        if let filterRow = sheet.filterRow, let width = sheet.rows[safe: filterRow]?.count, width > 0 {
            worksheet_autofilter(
                worksheet, lxw_row_t(filterRow), 0, lxw_row_t(max(sheet.rows.count - 1, filterRow)), lxw_col_t(width - 1))
        }
        for validation in sheet.validations {
            if let problem = add(validation, to: worksheet, strings: strings) { return "sheet \(sheet.name): \(problem)" }
        }
        setUpPage(worksheet, sheet.page, strings: strings)
        if sheet.isHidden { worksheet_hide(worksheet) }
        return nil
    }

    /// Excel holds at most 32,767 characters in a cell; longer text is cut, and says so.
    static func fitting(_ text: String) -> String {
        let limit = 32_767
        guard text.utf16.count > limit else { return text }
        return String(text.prefix(limit - 10)) + " [...]"
    }

    /// The height of a row whose wrapped text takes more than one line: a spreadsheet does not
    /// grow a row for text a program wrote into it. Lines are estimated from the column's width.
    static func rowHeight(_ cells: [SheetDocument.Cell], widths: [Double]) -> Double? {
        var lines = 1
        for (column, cell) in cells.enumerated() where [.wrap, .note, .header].contains(cell.style) {
            guard case .text(let text) = cell.value else { continue }
            let perLine = max(Int((widths[safe: column] ?? 8.43) * 1.1), 1)
            let needed = text.split(separator: "\n", omittingEmptySubsequences: false)
                .reduce(0) { $0 + max(1, ($1.count + perLine - 1) / perLine) }
            lines = max(lines, needed)
        }
        return lines > 1 ? 15 * Double(lines) : nil
    }

    private static func add(
        _ validation: SheetDocument.Validation, to worksheet: UnsafeMutablePointer<lxw_worksheet>, strings: CStrings
    ) -> String? {
        var rule = lxw_data_validation()
        switch validation.rule {
        case .list(let values):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            rule.value_list = strings.list(values)
        case .any:
            rule.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
        case .wholeNumber(let minimum):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
            rule.value_number = Double(minimum)
        case .decimal(let minimum):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
            rule.value_number = minimum
        case .date:
            rule.validate = UInt8(LXW_VALIDATION_TYPE_DATE.rawValue)
            rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            rule.minimum_datetime = lxw_datetime(year: 1900, month: 1, day: 1, hour: 0, min: 0, sec: 0)
            rule.maximum_datetime = lxw_datetime(year: 9999, month: 12, day: 31, hour: 0, min: 0, sec: 0)
        }
        rule.input_title = strings.keep(String(validation.promptTitle.prefix(32)))
        rule.input_message = strings.keep(String(validation.prompt.prefix(255)))
        rule.error_title = strings.keep(String(validation.promptTitle.prefix(32)))
        rule.error_message = strings.keep(String(validation.prompt.prefix(255)))
        rule.error_type = UInt8((validation.isStrict ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING).rawValue)
        let result = worksheet_data_validation_range(
            worksheet, lxw_row_t(validation.rows.lowerBound), lxw_col_t(validation.column),
            lxw_row_t(validation.rows.upperBound), lxw_col_t(validation.column), &rule)
        return result == LXW_NO_ERROR ? nil : "a drop-down list: \(String(cString: lxw_strerror(result)))"
    }

    private static func setUpPage(_ worksheet: UnsafeMutablePointer<lxw_worksheet>, _ page: SheetDocument.PageSetup, strings: CStrings) {
        worksheet_set_paper(worksheet, 9)  // A4
        if page.isLandscape { worksheet_set_landscape(worksheet) }
        if page.fitsWidth { worksheet_fit_to_pages(worksheet, 1, 0) }
        if page.repeatedRows > 0 { worksheet_repeat_rows(worksheet, 0, lxw_row_t(page.repeatedRows - 1)) }
        worksheet_set_margins(worksheet, 0.5, 0.5, 0.75, 0.75)
        // In a header, & starts a code: the text's own ampersands are doubled.
        let left = page.header.map { "&L" + $0.replacingOccurrences(of: "&", with: "&&") } ?? ""
        worksheet_set_header(worksheet, String((left + "&R&A").prefix(255)))
        worksheet_set_footer(worksheet, "&C&P / &N")
        let breaks = page.breaksBeforeRows.filter { $0 > 0 }.prefix(1_023).map { lxw_row_t($0) }
        if !breaks.isEmpty {
            var terminated = Array(breaks) + [0]
            worksheet_set_h_pagebreaks(worksheet, &terminated)
        }
    }
}

/// The formats of a workbook, made once per look.
private struct Formats {
    let styles: [SheetDocument.Style: UnsafeMutablePointer<lxw_format>]
    let dates: [SheetDocument.Style: UnsafeMutablePointer<lxw_format>]
    let textColumn: UnsafeMutablePointer<lxw_format>
    let dateColumn: UnsafeMutablePointer<lxw_format>

    init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
        let all: [SheetDocument.Style] = [.plain, .header, .title, .section, .wrap, .note, .attention]
        var styles: [SheetDocument.Style: UnsafeMutablePointer<lxw_format>] = [:]
        var dates: [SheetDocument.Style: UnsafeMutablePointer<lxw_format>] = [:]
        for style in all {
            styles[style] = Self.make(workbook, style, dateFormat: nil)
            dates[style] = Self.make(workbook, style, dateFormat: "yyyy-mm-dd")
        }
        self.styles = styles
        self.dates = dates
        textColumn = workbook_add_format(workbook)
        format_set_num_format(textColumn, "@")
        dateColumn = workbook_add_format(workbook)
        format_set_num_format(dateColumn, "yyyy-mm-dd")
    }

    func cell(_ style: SheetDocument.Style, isDate: Bool) -> UnsafeMutablePointer<lxw_format>? {
        (isDate ? dates : styles)[style]
    }

    func column(_ format: SheetDocument.ColumnFormat) -> UnsafeMutablePointer<lxw_format> {
        format == .date ? dateColumn : textColumn
    }

    private static func make(
        _ workbook: UnsafeMutablePointer<lxw_workbook>, _ style: SheetDocument.Style, dateFormat: String?
    ) -> UnsafeMutablePointer<lxw_format> {
        let format: UnsafeMutablePointer<lxw_format> = workbook_add_format(workbook)
        if let dateFormat { format_set_num_format(format, dateFormat) }
        format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        switch style {
        case .plain:
            break
        case .header:
            format_set_bold(format)
            format_set_text_wrap(format)
            format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_bg_color(format, 0xE7E6E6)
        case .title:
            format_set_bold(format)
            format_set_font_size(format, 14)
        case .section:
            format_set_bold(format)
            format_set_top(format, UInt8(LXW_BORDER_THIN.rawValue))
        case .wrap:
            format_set_text_wrap(format)
        case .note:
            format_set_italic(format)
            format_set_text_wrap(format)
        case .attention:
            format_set_bold(format)
            format_set_bg_color(format, 0xFCE4D6)
        }
        return format
    }
}

/// C strings that live until the workbook is closed (libxlsxwriter keeps some pointers until then).
private final class CStrings {
    private var kept: [UnsafeMutablePointer<CChar>] = []
    private var lists: [UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>] = []

    func keep(_ text: String) -> UnsafeMutablePointer<CChar> {
        let pointer = strdup(text)!
        kept.append(pointer)
        return pointer
    }

    /// A list of C strings ending in NULL.
    func list(_ values: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: values.count + 1)
        for (index, value) in values.enumerated() { list[index] = keep(value) }
        list[values.count] = nil
        lists.append(list)
        return list
    }

    deinit {
        kept.forEach { free($0) }
        lists.forEach { $0.deallocate() }
    }
}

extension SheetDocument.Value {
    var isDate: Bool {
        if case .date = self { return true }
        return false
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

import PlannerModel

/// Reads one worksheet part into a table of cells (ECMA-376 Part 1, §18.3): each row that is not
/// blank with its row number, each cell's value as the roster's decoder reads it, and merged
/// cells as problems (a merged area keeps its value in its first cell only, so the others would
/// read as empty without a word).
struct SheetReader {
    let parts: WorkbookParts
    /// Cells further right than this are not kept: a roster table has at most 19 columns.
    static let maxColumn = 256

    func table(_ bytes: [UInt8], path: String) throws(WorkbookError) -> RosterTable {
        var scanner = XMLScanner(bytes)
        var records: [TableRecord] = []
        var problems: [RosterTable.Problem] = []
        try WorkbookParts.reading(path) { () throws(XMLScanner.Failure) in
            var row = 0
            var cells: [TableCell] = []
            var cell = RawCell()
            var capture: Capture = .none
            var farCell: (row: Int, column: Int)?
            while let event = try scanner.next() {
                switch event {
                case .start:
                    if scanner.isNamed("c") {
                        let reference = try scanner.attribute("r").flatMap(CellReference.init)
                        cell = RawCell(
                            column: reference?.column ?? cell.column + 1, type: try scanner.attribute("t"),
                            style: try scanner.attribute("s").flatMap { Int($0) } ?? 0)
                    } else if scanner.isNamed("v") {
                        capture = .value
                    } else if scanner.isNamed("f") {
                        cell.hasFormula = true
                    } else if scanner.isNamed("t") && capture != .phonetic {
                        capture = .inline
                    } else if scanner.isNamed("rPh") {
                        capture = .phonetic
                    } else if scanner.isNamed("row") {
                        row = try scanner.attribute("r").flatMap { Int($0) } ?? row + 1
                        cells.removeAll(keepingCapacity: true)
                        cell = RawCell()
                    } else if scanner.isNamed("mergeCell"), let ref = try scanner.attribute("ref") {
                        let first = CellReference(String(ref.prefix { $0 != ":" }))
                        problems.append(RosterTable.Problem(
                            line: first?.row ?? 1, column: first?.column ?? 1,
                            message: "the cells \(ref) are merged; a roster sheet cannot have merged cells (only the first keeps its value): unmerge them and fill in each cell"))
                    }
                case .text:
                    switch capture {
                    case .value: cell.value = (cell.value ?? "") + (try scanner.text())
                    case .inline: cell.inline = (cell.inline ?? "") + (try scanner.text())
                    case .none, .phonetic: break
                    }
                case .end:
                    if scanner.isNamed("v") || scanner.isNamed("t") {
                        if capture != .phonetic { capture = .none }
                    } else if scanner.isNamed("rPh") {
                        capture = .none
                    } else if scanner.isNamed("c") {
                        let value = self.value(of: cell)
                        guard !value.isEmpty else { continue }
                        guard cell.column <= Self.maxColumn else {
                            if farCell == nil { farCell = (row, cell.column) }
                            continue
                        }
                        if cells.count < cell.column { cells += Array(repeating: .empty, count: cell.column - cells.count) }
                        cells[cell.column - 1] = value
                    } else if scanner.isNamed("row"), !cells.isEmpty {
                        records.append(TableRecord(line: row, cells: cells))
                    }
                }
            }
            if let farCell {
                problems.append(RosterTable.Problem(
                    line: farCell.row, column: 1,
                    message: "this row has a value in column \(farCell.column), far beyond any column of a roster sheet; clear it"))
            }
        }
        return RosterTable(records: records, problems: problems)
    }

    private enum Capture {
        case none, value, inline, phonetic
    }

    /// A cell as the sheet stores it (§18.3.1.4): its type, format, value and formula.
    struct RawCell {
        var column = 0
        var type: String?
        var style = 0
        var value: String?
        var inline: String?
        var hasFormula = false
    }

    /// The cell as the roster's decoder reads it: text trimmed, numbers without `.0`, dates as
    /// `YYYY-MM-DD`, TRUE and FALSE as `true` and `false`; a cell that holds no value a roster can
    /// use carries its problem.
    func value(of cell: RawCell) -> TableCell {
        switch cell.type {
        case "s":
            guard let index = cell.value.flatMap({ Int($0.trimmedForCell) }), parts.sharedStrings.indices.contains(index) else {
                return TableCell("", problem: "the cell refers to text the workbook does not hold; save the workbook again from a spreadsheet")
            }
            return TableCell(parts.sharedStrings[index].trimmedForCell)
        case "inlineStr":
            return TableCell(SpreadsheetText.unescaped(cell.inline ?? "").trimmedForCell)
        case "str":
            guard let value = cell.value else { return missingResult(cell) }
            return TableCell(SpreadsheetText.unescaped(value).trimmedForCell)
        case "b":
            guard let value = cell.value?.trimmedForCell else { return missingResult(cell) }
            return TableCell(value == "1" || value.lowercased() == "true" ? "true" : "false", kind: .boolean)
        case "e":
            let error = cell.value?.trimmedForCell ?? "#VALUE!"
            return TableCell(error, problem: "the cell shows the error \(error); correct the formula or type the value")
        case "d":
            guard let value = cell.value?.trimmedForCell else { return missingResult(cell) }
            guard let day = Day(String(value.prefix(10))) else {
                return TableCell(value, problem: "the cell holds '\(value)', which is not a date")
            }
            return TableCell(day.description, kind: .date)
        default:
            guard let text = cell.value?.trimmedForCell, !text.isEmpty else {
                return cell.hasFormula ? missingResult(cell) : .empty
            }
            guard let number = Double(text) else {
                return TableCell(text, problem: "the cell holds '\(text)', which is not a number")
            }
            guard parts.formats.isDate(style: cell.style) else { return TableCell(number.decimalText, kind: .number) }
            switch SerialDate.day(serial: number, is1904: parts.is1904) {
            case .success(let day): return TableCell(day.description, kind: .date)
            case .failure(let problem): return TableCell(number.decimalText, kind: .date, problem: problem.message)
            }
        }
    }

    private func missingResult(_ cell: RawCell) -> TableCell {
        guard cell.hasFormula else { return .empty }
        return TableCell("", problem: "the cell has a formula but no saved result (a program wrote the formula without working it out); open the workbook in a spreadsheet and save it, or type the value")
    }
}

/// A cell reference such as `F14`: column 6, row 14.
struct CellReference: Equatable {
    var column: Int
    var row: Int

    init?(_ text: String) {
        var column = 0
        var row = 0
        var sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !sawDigit:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
            default:
                return nil
            }
            guard column <= 16_384, row <= 1_048_576 else { return nil }
        }
        guard column >= 1, row >= 1 else { return nil }
        self.column = column
        self.row = row
    }
}

extension String {
    /// Without the spaces around it, as the CSV reader trims cells.
    var trimmedForCell: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text.count == count ? self : String(text)
    }
}

/// The parts of a workbook that say where its sheets are and how to read their cells: the
/// workbook part with its list of sheets, the relationships that lead to each part, the shared
/// strings and the cell formats (ECMA-376 Part 1, §18.2, §18.4, §18.8).
struct WorkbookParts {
    struct SheetEntry: Equatable {
        var name: String
        /// The worksheet part, such as `xl/worksheets/sheet1.xml`.
        var path: String?
        var isHidden: Bool
    }

    var sheets: [SheetEntry] = []
    /// Dates count from 1904-01-01 rather than from 1900 (workbooks from old Macs).
    var is1904 = false
    var sharedStrings: [String] = []
    var formats = CellFormats()

    /// Reads the parts from the container, from the package's relationships on.
    static func read(_ container: inout ZipContainer) throws(WorkbookError) -> WorkbookParts {
        let rootRelations = try container.part("_rels/.rels").map { bytes throws(WorkbookError) in
            try relationships(bytes, of: "_rels/.rels", base: "")
        } ?? []
        let workbookPath = rootRelations.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        guard let workbookBytes = try container.part(workbookPath) else {
            if container.contains("mimetype") || container.contains("content.xml") {
                throw WorkbookError(.notAWorkbook, "this is an OpenDocument spreadsheet (.ods), not an .xlsx workbook; save it as \"Excel 2007-365 (.xlsx)\"")
            }
            throw WorkbookError(.notAWorkbook, "the zip file has no workbook part (\(workbookPath)), so it is not an .xlsx workbook")
        }
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let relationsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        let relations = try container.part(relationsPath).map { bytes throws(WorkbookError) in
            try relationships(bytes, of: relationsPath, base: folder)
        } ?? []
        let targets = Dictionary(relations.map { ($0.id, $0.target) }, uniquingKeysWith: { first, _ in first })

        var parts = WorkbookParts()
        try parts.readWorkbook(workbookBytes, path: workbookPath, targets: targets)
        if let path = relations.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target,
           let bytes = try container.part(path) {
            parts.sharedStrings = try sharedStrings(bytes, path: path)
        }
        if let path = relations.first(where: { $0.type.hasSuffix("/styles") })?.target,
           let bytes = try container.part(path) {
            parts.formats = try formats(bytes, path: path)
        }
        return parts
    }

    // MARK: Relationships

    struct Relationship {
        var id: String
        var type: String
        /// The part's path in the zip, resolved against the folder of the part that refers to it.
        var target: String
    }

    static func relationships(_ bytes: [UInt8], of path: String, base: String) throws(WorkbookError) -> [Relationship] {
        var scanner = XMLScanner(bytes)
        var found: [Relationship] = []
        try reading(path) { () throws(XMLScanner.Failure) in
            while let event = try scanner.next() {
                guard event == .start, scanner.isNamed("Relationship"),
                      try scanner.attribute("TargetMode") != "External",
                      let id = try scanner.attribute("Id"), let target = try scanner.attribute("Target")
                else { continue }
                found.append(Relationship(id: id, type: try scanner.attribute("Type") ?? "", target: resolve(target, base: base)))
            }
        }
        return found
    }

    /// `worksheets/sheet1.xml` from `xl` is `xl/worksheets/sheet1.xml`; `/xl/...` is absolute;
    /// `..` steps out of a folder.
    static func resolve(_ target: String, base: String) -> String {
        var components = target.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }

    // MARK: Workbook, strings, formats

    private mutating func readWorkbook(_ bytes: [UInt8], path: String, targets: [String: String]) throws(WorkbookError) {
        var scanner = XMLScanner(bytes)
        try Self.reading(path) { () throws(XMLScanner.Failure) in
            while let event = try scanner.next() {
                guard event == .start else { continue }
                if scanner.isNamed("workbookPr") {
                    let value = try scanner.attribute("date1904")
                    is1904 = value == "1" || value == "true"
                } else if scanner.isNamed("sheet"), let name = try scanner.attribute("name") {
                    let state = try scanner.attribute("state")
                    sheets.append(SheetEntry(
                        name: name, path: try scanner.attribute("id").flatMap { targets[$0] },
                        isHidden: state == "hidden" || state == "veryHidden"))
                }
            }
        }
    }

    /// Each `si` of the shared strings: its `t` texts joined, leaving out phonetic runs (`rPh`).
    static func sharedStrings(_ bytes: [UInt8], path: String) throws(WorkbookError) -> [String] {
        var scanner = XMLScanner(bytes)
        var strings: [String] = []
        try reading(path) { () throws(XMLScanner.Failure) in
            var current = ""
            var depthInPhonetic = 0
            var isInText = false
            while let event = try scanner.next() {
                switch event {
                case .start:
                    if scanner.isNamed("si") { current = "" }
                    if scanner.isNamed("rPh") { depthInPhonetic += 1 }
                    if scanner.isNamed("t") { isInText = true }
                case .end:
                    if scanner.isNamed("si") { strings.append(SpreadsheetText.unescaped(current)) }
                    if scanner.isNamed("rPh") { depthInPhonetic -= 1 }
                    if scanner.isNamed("t") { isInText = false }
                case .text:
                    if isInText && depthInPhonetic == 0 { current += try scanner.text() }
                }
            }
        }
        return strings
    }

    /// The number format of each cell format (`cellXfs`), to tell dates from numbers.
    static func formats(_ bytes: [UInt8], path: String) throws(WorkbookError) -> CellFormats {
        var scanner = XMLScanner(bytes)
        var formats = CellFormats()
        try reading(path) { () throws(XMLScanner.Failure) in
            var isInCellFormats = false
            while let event = try scanner.next() {
                switch event {
                case .start where scanner.isNamed("numFmt"):
                    if let id = try scanner.attribute("numFmtId").flatMap({ Int($0) }), let code = try scanner.attribute("formatCode") {
                        formats.codes[id] = code
                    }
                case .start where scanner.isNamed("cellXfs"):
                    isInCellFormats = true
                case .end where scanner.isNamed("cellXfs"):
                    isInCellFormats = false
                case .start where isInCellFormats && scanner.isNamed("xf"):
                    formats.numberFormatOfStyle.append(try scanner.attribute("numFmtId").flatMap { Int($0) } ?? 0)
                default:
                    continue
                }
            }
        }
        return formats
    }

    /// Runs `body`, turning a failure of the XML into a workbook error naming the part.
    static func reading(_ path: String, _ body: () throws(XMLScanner.Failure) -> Void) throws(WorkbookError) {
        do {
            try body()
        } catch {
            throw WorkbookError(.damaged, "the part \(path) of the workbook cannot be read as XML (\(error.reason), at byte \(error.offset)); save the workbook again from a spreadsheet")
        }
    }
}

/// The text of cells as SpreadsheetML stores it.
enum SpreadsheetText {
    /// Replaces the `_xHHHH_` escapes SpreadsheetML uses for characters XML cannot hold (ECMA-376
    /// Part 1, §22.9.2.19): `_x000D_` is a carriage return, `_x005F_` a literal underscore.
    static func unescaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
               let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                result.append(scalar)
                index += 7
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        scalars.removeAll()
        return String(result)
    }
}

import Foundation
import Testing
import ZIPFoundation

/// A workbook written by hand, part by part, to try the reader on cells no spreadsheet writes on
/// purpose: shared and inline strings, formulas with and without results, errors, booleans, ISO
/// dates, the 1904 date system.
struct TestWorkbook {
    /// Each sheet's name and its `<sheetData>` rows as XML.
    var sheets: [(name: String, rows: String)]
    var sharedStrings: [String] = []
    var is1904 = false
    /// Extra `<cellXfs>` entries after the first (style 0): number format ids.
    var styleFormats: [Int] = [14]
    var customFormats: [Int: String] = [:]
    /// Extra XML after `</sheetData>`, such as `<mergeCells>`, by sheet name.
    var afterData: [String: String] = [:]

    init(sheets: [(name: String, rows: String)]) {
        self.sheets = sheets
    }

    func bytes() throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try add("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relations)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        let sheetList = sheets.enumerated().map { index, sheet in
            #"<sheet name="\#(sheet.name)" sheetId="\#(index + 1)" r:id="rId\#(index + 10)"/>"#
        }.joined()
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="\(relations)">\
            <workbookPr date1904="\(is1904 ? "1" : "0")"/><sheets>\(sheetList)</sheets></workbook>
            """)
        let sheetRelations = sheets.indices.map { index in
            #"<Relationship Id="rId\#(index + 10)" Type="\#(relations)/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }.joined()
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(sheetRelations)<Relationship Id="rId1" Type="\(relations)/sharedStrings" Target="/xl/sharedStrings.xml"/>\
            <Relationship Id="rId2" Type="\(relations)/styles" Target="styles.xml"/></Relationships>
            """)
        let strings = sharedStrings.map { "<si><t xml:space=\"preserve\">\($0)</t></si>" }.joined()
        try add("xl/sharedStrings.xml", #"<?xml version="1.0"?><sst xmlns="\#(main)">\#(strings)</sst>"#)
        let numberFormats = customFormats.map { #"<numFmt numFmtId="\#($0.key)" formatCode="\#($0.value)"/>"# }.joined()
        let cellFormats = ([0] + styleFormats).map { #"<xf numFmtId="\#($0)" fontId="0"/>"# }.joined()
        try add("xl/styles.xml", """
            <?xml version="1.0"?><styleSheet xmlns="\(main)"><numFmts>\(numberFormats)</numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs>\(cellFormats)</cellXfs></styleSheet>
            """)
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="\(main)" xmlns:r="\(relations)"><sheetData>\(sheet.rows)</sheetData>\(afterData[sheet.name] ?? "")</worksheet>
                """)
        }
        return Array(try #require(archive.data))
    }

    /// A row of inline-string cells from column A, as `<row>` XML.
    static func row(_ number: Int, _ texts: [String]) -> String {
        let cells = texts.enumerated().map { index, text in
            text.isEmpty ? "" : #"<c r="\#(column(index + 1))\#(number)" t="inlineStr"><is><t>\#(text)</t></is></c>"#
        }.joined()
        return #"<row r="\#(number)">\#(cells)</row>"#
    }

    static func column(_ number: Int) -> String {
        var number = number
        var letters = ""
        while number > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (number - 1) % 26))) + letters
            number = (number - 1) / 26
        }
        return letters
    }

    /// The small valid roster of the fixtures, with `hearings` rows given as XML.
    static func roster(hearings: String) -> TestWorkbook {
        TestWorkbook(sheets: [
            ("horizon", row(1, ["key", "value"]) + row(2, ["start", "2026-12-07"]) + row(3, ["end", "2026-12-18"])),
            ("locations", row(1, ["id", "name", "rooms"]) + row(2, ["TA", "Ter Apel", "12"])),
            ("hearings", hearings),
            ("interpreters", row(1, ["id", "gender", "languages"]) + row(2, ["I-4", "female", "tir"])),
            ("officers", row(1, ["id", "gender", "location"]) + row(2, ["O-2", "female", "TA"])),
            ("availability", row(1, ["person", "slot"]) + row(2, ["I-4", "2026-12-07/AM"]) + row(3, ["O-2", "2026-12-07/AM"])),
        ])
    }

    /// Where the committed fixtures are.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        return Array(try #require(FileManager.default.contents(atPath: url.path), "Fixtures/\(name) is missing"))
    }
}

import PlannerModel
import Testing

@testable import Workbooks

@Suite("Dates, formats and XML as workbooks hold them")
struct CellValueTests {
    @Test("Serial dates of the 1900 system, with Lotus's leap day of 1900", arguments: [
        (1.0, "1900-01-01"), (59, "1900-02-28"), (61, "1900-03-01"), (46363, "2026-12-07"), (46363.75, "2026-12-07"),
        (2_958_465, "9999-12-31"),
    ])
    func serials1900(serial: Double, day: String) {
        #expect(SerialDate.day(serial: serial, is1904: false).map(\.description) == .success(day))
    }

    @Test("Serials that are no date a roster can hold")
    func serialsRefused() {
        #expect(SerialDate.day(serial: 60, is1904: false) == .failure(.february29Of1900))
        #expect(SerialDate.day(serial: 0, is1904: false) == .failure(.before1900))
        #expect(SerialDate.day(serial: -29, is1904: false) == .failure(.before1900))
        #expect(SerialDate.day(serial: -1, is1904: true) == .failure(.before1904))
        #expect(SerialDate.day(serial: 3_000_000, is1904: false) == .failure(.afterYear9999))
        #expect(SerialDate.day(serial: 0, is1904: true).map(\.description) == .success("1904-01-01"))
    }

    @Test("Format codes that show dates, and those that do not", arguments: [
        ("yyyy-mm-dd", true), ("yyyy\\-mm\\-dd", true), ("d-m-yyyy", true), ("[$-413]d mmmm yyyy", true),
        ("dd/mm/yy;@", true), ("mmm", true), ("General", false), ("0.00", false), ("#,##0 \"dagen\"", false),
        ("[Red]0.00", false), ("h:mm", false), ("mm:ss", false), ("[h]:mm:ss", false), ("@", false),
    ])
    func dateFormats(code: String, isDate: Bool) {
        #expect(CellFormats.isDateCode(code) == isDate)
    }

    @Test("Built-in formats by id: 14 to 17 and 22 are dates, 18 to 21 are times")
    func builtInFormats() {
        let formats = CellFormats(codes: [164: "yyyy-mm-dd"], numberFormatOfStyle: [0, 14, 20, 22, 164, 49])
        #expect((0..<7).map { formats.isDate(style: $0) } == [false, true, false, true, true, false, false])
    }

    @Test("Cell references")
    func references() {
        #expect(CellReference("F14")?.column == 6 && CellReference("F14")?.row == 14)
        #expect(CellReference("$AA$3")?.column == 27)
        #expect(CellReference("XFD1048576")?.column == 16_384)
        #expect(CellReference("XFE1") == nil)
        #expect(CellReference("14") == nil)
    }
}

@Suite("The XML reader of workbook parts")
struct XMLScannerTests {
    /// The events as text: `<name a=1>`, `</name>`, `"text"`.
    static func events(_ xml: String) throws(XMLScanner.Failure) -> [String] {
        var scanner = XMLScanner(Array(xml.utf8))
        var events: [String] = []
        while let event = try scanner.next() {
            switch event {
            case .start: events.append("<" + (scanner.isNamed("c") ? "c r=\(try scanner.attribute("r") ?? "")" : "?") + ">")
            case .end: events.append("</>")
            case .text: events.append("\"\(try scanner.text())\"")
            }
        }
        return events
    }

    @Test("Elements, attributes with entities, text with character references, CDATA, comments")
    func reads() throws {
        let xml = "<?xml version=\"1.0\"?><!-- note --><x:row xmlns:x=\"u\"><x:c r='A&amp;1'>a &lt;&#233;&#x20AC;&gt;<![CDATA[<b>]]></x:c><c r=\"B1\"/></x:row>"
        #expect(try Self.events(xml) == ["<?>", "<c r=A&1>", "\"a <é€>\"", "\"<b>\"", "</>", "<c r=B1>", "</>", "</>"])
    }

    @Test("What no workbook part holds is refused", arguments: [
        "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", "<x>&a;</x>", "<x><y></x></y>", "<x>", "<x a=b/>", "<x a=\"b/>",
    ])
    func refuses(xml: String) {
        #expect(throws: XMLScanner.Failure.self) { try Self.events(xml) }
    }
}

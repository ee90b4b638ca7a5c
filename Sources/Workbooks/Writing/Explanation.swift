import Localization
import PlannerModel

extension RosterDocument {
    /// The texts of the explanation sheet, in the order they stand; each a paragraph.
    static let explanationParagraphs = [
        "template.explain.intro", "template.explain.columns", "template.explain.dates", "template.explain.lists",
        "template.explain.dropdowns", "template.explain.example", "template.explain.check",
    ]

    /// The first sheet: what the workbook is and how to fill it in, in Dutch and then in English,
    /// with a line on each sheet. Reading a roster leaves it alone.
    static func explanation(language: Language) -> SheetDocument.Sheet {
        var sheet = SheetDocument.Sheet(name: Catalogue.of(language).text("template.explanationSheet"))
        sheet.columnWidths = [18, 100]
        sheet.page.isLandscape = false
        let order: [Language] = language == .en ? [.en, .nl] : [.nl, .en]
        for (index, language) in order.enumerated() {
            let catalogue = Catalogue.of(language)
            if index > 0 {
                sheet.append([])
                sheet.page.breaksBeforeRows.append(sheet.rows.count)
            }
            sheet.append([.text(catalogue.text("template.explain.title"), .title)])
            for key in explanationParagraphs {
                sheet.append([.text(""), .text(catalogue.text(key), .wrap)])
            }
            sheet.append([])
            sheet.append([.text(catalogue.text("template.explain.sheet"), .header), .text(catalogue.text("template.explain.holds"), .header)])
            for name in RosterSheets.requiredNames + RosterSheets.optionalNames {
                sheet.append([.text(name, .section), .text(catalogue.text("template.sheet.\(name)"), .wrap)])
            }
        }
        return sheet
    }
}

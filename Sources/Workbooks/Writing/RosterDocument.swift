import Localization
import PlannerModel

/// A roster as a workbook people fill in: an explanation sheet (Dutch and English), then a sheet
/// per table with the columns of the CSV folder, dates stored as dates, numbers as numbers, a
/// frozen header row, a filter, and drop-down lists for the closed values.
public enum RosterDocument {
    /// The workbook of a roster; reading it back gives an equal roster.
    ///
    /// - Throws: `RosterCSV.WriteError` for a value a cell cannot hold so that it reads back the same.
    public static func workbook(_ roster: Roster, language: Language = .default) throws -> SheetDocument {
        document(try RosterSheets.write(roster), slots: roster.horizon.slots, language: language)
    }

    /// The template: every sheet with its header and one example row (the horizon and the policy
    /// with every key), the week starting on `start`.
    public static func template(start: Day, language: Language = .default) throws -> SheetDocument {
        document(try RosterSheets.write(example(start: start)), slots: Horizon.defaultSlots, language: language)
    }

    /// A small roster of one example of each row, over two working weeks from `start`.
    static func example(start: Day) -> Roster {
        let end = start.adding(days: 11)
        let horizon = Horizon(start: start, end: end, holidays: [], slots: Horizon.defaultSlots,
                              slotTimes: Horizon.defaultSlotTimes, timeZone: Horizon.defaultTimeZone)
        let hearing = Hearing(
            id: "H-0001", kind: "detailed", language: "tir", fallbackLanguages: ["amh"], location: "TA",
            durationSlots: 2, earliest: start.adding(days: -7), latest: end, interpreterGender: .female,
            officerGender: .female, priority: .high, requiredTrainings: ["vulnerable-persons"])
        let interpreter = Interpreter(
            id: "I-1", gender: .female, languages: [LanguageSkill(code: "tir", registered: true), LanguageSkill(code: "amh", registered: false)],
            onsiteLocations: ["TA"], remote: true,
            available: [SlotName(date: start, part: "AM"), SlotName(date: start, part: "PM")], maxHearingsPerWeek: 8)
        let officer = Officer(
            id: "O-1", gender: .female, location: "TA", trainings: ["vulnerable-persons"], maxHearingsPerWeek: 6)
        return Roster(
            horizon: horizon, locations: [Location(id: "TA", name: "Ter Apel", rooms: 12)], hearings: [hearing],
            interpreters: [interpreter], officers: [officer])
    }

    private static func document(_ tables: [RosterSheets.Sheet], slots: [String], language: Language) -> SheetDocument {
        var tables = tables
        // The default policy is written too, every key with an empty value, to show the keys there are.
        if !tables.contains(where: { $0.layout.name == RosterLayout.policy.name }) {
            tables.append(RosterSheets.Sheet(
                layout: RosterLayout.policy, rows: [RosterLayout.policy.columns] + RosterSheets.policyKeys.map { [$0, ""] }))
        }
        let catalogue = Catalogue.of(language)
        var document = SheetDocument(title: catalogue.text("template.title"))
        document.sheets.append(explanation(language: language))
        for table in tables {
            document.sheets.append(sheet(table, slots: slots, catalogue: catalogue))
        }
        return document
    }

    // MARK: Sheets

    private static func sheet(_ table: RosterSheets.Sheet, slots: [String], catalogue: Catalogue) -> SheetDocument.Sheet {
        var sheet = SheetDocument.Sheet(name: table.name)
        for (rowIndex, row) in table.rows.enumerated() {
            sheet.append(row.enumerated().map { column, text in
                rowIndex == 0 ? .text(text, .header) : cell(text, kind: table.kind(row: rowIndex, column: column))
            })
        }
        let header = table.rows.first ?? []
        sheet.frozenRows = 1
        sheet.filterRow = 0
        sheet.page.isLandscape = header.count > 6
        sheet.page.repeatedRows = 1
        sheet.page.header = catalogue.text("template.title")
        for (column, name) in header.enumerated() {
            let kind = table.layout.columns == ["key", "value"] ? ColumnKind.text : table.layout.kind(of: name)
            sheet.columnWidths.append(width(of: name, kind: kind))
            switch kind {
            case .date: sheet.columnFormats[column] = .date
            case .text, .list, .choice: sheet.columnFormats[column] = table.layout.columns == ["key", "value"] ? nil : .text
            case .integer, .decimal, .flag: break
            }
            if let validation = validation(for: name, kind: kind, column: column, slots: slots, catalogue: catalogue) {
                sheet.validations.append(validation)
            }
        }
        return sheet
    }

    /// A cell of the kind its column holds: a date, a number, or text.
    static func cell(_ text: String, kind: ColumnKind) -> SheetDocument.Cell {
        guard !text.isEmpty else { return SheetDocument.Cell(.empty) }
        switch kind {
        case .date:
            return SheetDocument.Cell(Day(text).map { .date($0) } ?? .text(text))
        case .integer, .decimal:
            return SheetDocument.Cell(Double(text).map { .number($0) } ?? .text(text))
        case .text, .list, .flag, .choice:
            return SheetDocument.Cell(.text(text))
        }
    }

    private static func width(of name: String, kind: ColumnKind) -> Double {
        switch kind {
        case .list: max(Double(name.count) + 3, 18)
        case .date: max(Double(name.count) + 3, 13)
        default: max(Double(name.count) + 3, 10)
        }
    }

    /// The drop-down list or check of a column; the rows below the header, down to the sheet's end.
    private static func validation(
        for name: String, kind: ColumnKind, column: Int, slots: [String], catalogue: Catalogue
    ) -> SheetDocument.Validation? {
        let rows = 1...1_048_575
        func rule(_ rule: SheetDocument.Validation.Rule, _ key: String, _ values: [String: String] = [:], strict: Bool) -> SheetDocument.Validation {
            SheetDocument.Validation(
                column: column, rows: rows, rule: rule, promptTitle: name, prompt: catalogue.text(key, values), isStrict: strict)
        }
        if name == "fixedSlot" {
            return rule(.list(slots), "template.prompt.dayPart", ["values": slots.joined(separator: ", ")], strict: false)
        }
        if name == "slots" {
            let choices = [slots.joined(separator: ";")] + slots
            return rule(.list(choices), "template.prompt.dayParts", ["values": slots.joined(separator: ", ")], strict: false)
        }
        switch kind {
        case .choice(let values):
            return rule(.list(values), "template.prompt.choice", ["values": values.joined(separator: ", ")], strict: true)
        case .flag:
            return rule(.list(["true", "false"]), "template.prompt.flag", strict: true)
        case .integer(let minimum):
            return rule(.wholeNumber(minimum: minimum), "template.prompt.integer", ["minimum": String(minimum)], strict: true)
        case .decimal:
            return rule(.decimal(minimum: 0), "template.prompt.decimal", strict: true)
        case .date:
            return rule(.date, "template.prompt.date", strict: false)
        case .list:
            return rule(.any, "template.prompt.list", strict: false)
        case .text:
            return nil
        }
    }
}

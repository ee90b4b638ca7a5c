import Localization
import PlannerModel

/// The words of the HTML reports and calendars in one language: the catalogue's `report.*` and
/// `calendar.*` texts, and numbers with that language's decimal mark. English reads as the reports
/// always have.
struct ReportWords: Sendable {
    let catalogue: Catalogue
    /// Dates as people write them ("ma 7 dec 2026"); otherwise ISO dates, as the standalone
    /// English report has always written them.
    var writesDatesInWords = true

    static let english = ReportWords(catalogue: .of(.en), writesDatesInWords: false)

    var language: Language { catalogue.language }

    /// The text of `report.<key>`.
    subscript(_ key: String) -> String { catalogue.text("report." + key) }

    /// The text of `report.<key>` with its placeholders filled in.
    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        catalogue.text("report." + key, values)
    }

    /// A fraction as a percentage with one decimal: "86.4%", "86,4%".
    func percent(_ value: Double) -> String { decimal(ReportNumber.percent(value)) }

    /// A number as the report writes it, with this language's decimal mark.
    func number(_ value: Double) -> String { decimal(ReportNumber.text(value)) }

    func decimal(_ text: String) -> String {
        let mark = catalogue.text("number.decimalMark")
        return mark == "." ? text : text.replacingOccurrences(of: ".", with: mark)
    }

    /// A reason code in a short sentence, for readers who do not know the codes.
    func reason(_ code: String) -> String {
        let key = "reason.\(code)"
        return catalogue.has("report." + key) ? self[key] : self["reason.unknown"]
    }

    /// The name of a grouping, capitalised ("Language") or in a sentence ("language").
    func dimension(_ dimension: ReportDimension) -> String { self["dimension.\(dimension.rawValue)"] }

    func waitClass(_ key: String) -> String { self["wait.\(key == "met" || key == "unmet" ? key : "none")"] }

    /// "3 plans (2 optimal, 1 feasible); from 2026-12-07 to 2026-12-11; 55 hearings held, 5 not held; with rosters."
    func scopeSentence(_ report: FulfilmentReport) -> String {
        let scope = report.scope
        var parts: [String] = []
        let statuses = scope.planStatus.keys.sorted().map { "\(scope.planStatus[$0]!) \(self["status.\($0)"])" }.joined(separator: ", ")
        parts.append(catalogue.text("report.scope.plans", count: scope.plans, ["statuses": statuses]))
        if let start = scope.start, let end = scope.end {
            parts.append(self("scope.period", ["start": date(start), "end": date(end)]))
        }
        parts.append(self("scope.hearings", ["held": "\(scope.heldHearings)", "notHeld": "\(scope.unheldHearings)"]))
        parts.append(self[scope.withRoster ? "scope.withRoster" : "scope.withoutRoster"])
        return parts.joined(separator: "; ") + "."
    }

    func date(_ day: Day) -> String {
        writesDatesInWords ? catalogue.day(day) : day.description
    }
}

import Foundation
import Localization
import PlannerModel

/// How the console writes the things of a roster in the reader's language: places by name,
/// languages by name, dates as people write them, numbers with the reader's decimal mark.
struct Display {
    let catalogue: Catalogue
    let roster: Roster?
    private let places: [String: Location]
    /// The names of the roster's languages, looked up once: a schedule names thousands.
    private let languages: [String: String]

    init(_ catalogue: Catalogue, roster: Roster?) {
        self.catalogue = catalogue
        self.roster = roster
        places = Dictionary((roster?.locations ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var codes = Set<String>()
        for hearing in roster?.hearings ?? [] {
            codes.insert(hearing.language)
            codes.formUnion(hearing.fallbackLanguages)
        }
        languages = Dictionary(uniqueKeysWithValues: codes.map { ($0, Self.name(of: $0, catalogue)) })
    }

    private static func name(of code: String, _ catalogue: Catalogue) -> String {
        catalogue.has("language.\(code)") ? catalogue.text("language.\(code)") : code
    }

    func text(_ key: String, _ values: [String: String] = [:]) -> String { catalogue.text(key, values) }

    /// "Tigrinya" for `tir`; a code the catalogue does not name stays the code.
    func language(_ code: String) -> String {
        languages[code] ?? Self.name(of: code, catalogue)
    }

    /// A location's name, or its id when it has none.
    func location(_ id: String) -> String { places[id]?.name ?? id }

    func day(_ day: Day) -> String { catalogue.day(day) }

    func slot(_ day: Day, _ part: String) -> String { catalogue.slot(day, part: part) }

    func slot(_ name: SlotName) -> String { catalogue.slot(name.date, part: name.part) }

    /// The kind of hearing in words ("nader gehoor"); an unknown kind is shown as written.
    func kind(_ kind: String?) -> String {
        guard let kind else { return "–" }
        return catalogue.has("kind.\(kind)") ? catalogue.text("kind.\(kind)") : kind
    }

    /// A moment in the horizon's time zone: "ma 7 dec 2026 14:03".
    func moment(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: roster?.horizon.timeZone ?? Horizon.defaultTimeZone) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let year = parts.year, let month = parts.month, let dayOfMonth = parts.day,
              let day = Day(year: year, month: month, day: dayOfMonth)
        else { return "" }
        let minute = parts.minute ?? 0
        return catalogue.text("date.withTime", [
            "date": catalogue.day(day), "time": "\(parts.hour ?? 0):\(minute < 10 ? "0" : "")\(minute)",
        ])
    }

    /// A share as a percentage with one decimal: "86,4%" in Dutch, "86.4%" in English.
    func percent(_ rate: Double) -> String {
        decimal(rate * 100, places: 1) + "%"
    }

    func decimal(_ value: Double, places: Int) -> String {
        let text = String(format: "%.\(places)f", value)
        return text.replacingOccurrences(of: ".", with: catalogue.text("number.decimalMark"))
    }

    /// A number as short as it can be written exactly enough: 12, 12,5.
    func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return decimal(value, places: 2)
    }

    func gender(_ value: String) -> String { catalogue.gender(value) }

    func role(_ role: Role) -> String { catalogue.role(role) }

    /// A role to head a row or a list: "Tolk".
    func roleTitle(_ role: Role) -> String {
        let text = catalogue.role(role)
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// "tolk: vrouw gevraagd, gehonoreerd".
    func preference(_ state: PreferenceState) -> String { catalogue.preference(state) }
}

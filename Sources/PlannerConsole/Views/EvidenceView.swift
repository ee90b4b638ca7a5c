import Foundation
import Localization
import PlannerModel

/// The evidence of a reason as label and value pairs, read from the reason's JSON so that a field
/// added to `Reason` later shows without a change here: a field the catalogue names
/// (`evidence.<field>`) gets its words, any other its own name. Hearing ids become links.
struct EvidenceView {
    let display: Display
    let hearingIDs: Set<String>

    func items(_ reason: Reason) -> [[String: Any]] {
        guard let data = try? JSONEncoder().encode(reason),
              case .object(let fields)? = try? JSONDecoder().decode(JSONItem.self, from: data)
        else { return [] }
        var items: [[String: Any]] = []
        for key in fields.keys.sorted(by: Self.order) where key != "code" {
            guard let value = fields[key], value != .null else { continue }
            var item: [String: Any] = ["label": label(key), "value": "", "links": [[String: String]]()]
            if key == "detail" { item["isRecord"] = true }
            if case .array(let list) = value, !list.isEmpty, list.allSatisfy({ $0.string.map(hearingIDs.contains) ?? false }) {
                let ids = list.compactMap(\.string)
                item["links"] = ids.map { ["text": $0, "href": ConsoleCore.hearingPath($0)] }
            } else {
                item["value"] = text(value, key: key)
            }
            items.append(item)
        }
        // What meeting the preference the best way found would cost the plan, in one figure.
        if let alternative = reason.alternative {
            let cost = alternative.cost
            items.insert([
                "label": display.text("evidence.alternativeCost"),
                "value": display.text(cost >= 0 ? "evidence.costsPoints" : "evidence.gainsPoints", ["points": display.number((abs(cost) * 100).rounded() / 100)]),
                "links": [[String: String]](),
            ], at: max(0, items.count - 1))
        }
        return items
    }

    private func label(_ key: String) -> String {
        display.catalogue.has("evidence.\(key)") ? display.text("evidence.\(key)") : key
    }

    /// A value in words: numbers with the reader's decimal mark, lists joined, a placement (an
    /// object with a date and a day part) as people write it, other objects as "label: value" pairs.
    private func text(_ value: JSONItem, key: String) -> String {
        switch value {
        case .null: return "–"
        case .bool(let flag): return display.text(flag ? "common.yes" : "common.no")
        case .number(let number): return display.number(number)
        case .string(let string): return string
        case .array(let list): return list.map { text($0, key: key) }.joined(separator: key == "moves" ? "; " : ", ")
        case .object(let object):
            var parts: [String] = []
            var names = object.keys.sorted()
            if let date = object["date"]?.string.flatMap(Day.init), let part = object["slot"]?.string {
                parts.append(display.slot(date, part))
                names.removeAll { $0 == "date" || $0 == "slot" }
            }
            if let hearing = object["hearing"]?.string {
                parts.append(hearing)
                names.removeAll { $0 == "hearing" }
            }
            for name in names {
                guard let item = object[name], item != .null else { continue }
                parts.append("\(label(name, in: key)): \(text(item, key: name))")
            }
            return parts.joined(separator: ", ")
        }
    }

    /// The words for a field inside another (`evidence.<parent>.<field>`, then `evidence.<field>`), else its name.
    private func label(_ name: String, in parent: String) -> String {
        for key in ["evidence.\(parent).\(name)", "evidence.\(name)"] where display.catalogue.has(key) { return display.text(key) }
        return name
    }

    /// The recorded sentence last; the others alphabetically.
    private static func order(_ a: String, _ b: String) -> Bool {
        if a == "detail" { return false }
        if b == "detail" { return true }
        return a < b
    }
}

/// Any JSON value, to read a reason's fields without knowing them in advance.
enum JSONItem: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONItem])
    case object([String: JSONItem])

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let list = try? container.decode([JSONItem].self) {
            self = .array(list)
        } else {
            self = .object(try container.decode([String: JSONItem].self))
        }
    }
}

import Foundation
import PlannerModel

/// A small valid roster as a JSON object that tests mutate to produce one mistake at a time.
enum RosterFixtures {
    static let validText = #"""
    {
      "format": "hearing-planner/roster@1",
      "horizon": {"start": "2026-12-07", "end": "2026-12-11", "holidays": ["2026-12-10"]},
      "locations": [{"id": "TA", "name": "Ter Apel", "rooms": 2}, {"id": "ZW", "rooms": 1}],
      "hearings": [
        {"id": "H-1", "kind": "detailed", "language": "tir", "fallbackLanguages": ["amh"], "location": "TA",
         "durationSlots": 2, "earliest": "2026-12-01", "latest": "2026-12-09", "interpreterGender": "female",
         "priority": "high", "requiredTrainings": ["vulnerable-persons"]},
        {"id": "H-2", "language": "ara", "location": "ZW", "earliest": "2026-12-07", "latest": "2026-12-31",
         "fixed": {"date": "2026-12-08", "slot": "AM", "interpreter": "I-2", "officer": "O-2"}}
      ],
      "interpreters": [
        {"id": "I-1", "gender": "female", "languages": [{"code": "tir"}, {"code": "amh", "registered": false}],
         "onsiteLocations": ["TA"], "remote": true, "maxHearingsPerWeek": 5,
         "available": ["2026-12-07/AM", "2026-12-07/PM", "2026-12-08/AM"]},
        {"id": "I-2", "gender": "male", "languages": [{"code": "ara"}], "onsiteLocations": ["ZW"],
         "available": ["2026-12-08/AM", "2026-12-08/PM"]}
      ],
      "officers": [
        {"id": "O-1", "gender": "female", "location": "TA", "trainings": ["vulnerable-persons"],
         "available": ["2026-12-07/AM", "2026-12-07/PM"]},
        {"id": "O-2", "gender": "x", "location": "ZW", "available": ["2026-12-08/AM"]}
      ]
    }
    """#

    static func object() -> JSONEdit {
        JSONEdit(try! JSONSerialization.jsonObject(with: Data(validText.utf8)))
    }

    static func text(_ edit: JSONEdit) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: edit.root, options: [.prettyPrinted, .sortedKeys]))
    }

    /// The valid roster, with `mutate` applied to its JSON object.
    static func mutated(_ mutate: (inout JSONEdit) -> Void) -> [UInt8] {
        var edit = object()
        mutate(&edit)
        return text(edit)
    }
}

/// A JSON document as Foundation objects, edited by path: `edit["hearings", 0, "latest"] = "2026-12-01"`.
struct JSONEdit {
    var root: Any

    init(_ root: Any) { self.root = root }

    subscript(path: any Sendable...) -> Any? {
        get { Self.get(root, path[...]) }
        set { root = Self.set(root, path[...], newValue) }
    }

    /// Appends a copy of the item at `list[index]` with some fields replaced.
    mutating func appendCopy(of list: String, _ index: Int, replacing fields: [String: Any]) {
        var item = self[list, index] as! [String: Any]
        for (key, value) in fields { item[key] = value }
        var items = root as! [String: Any]
        items[list] = (items[list] as! [Any]) + [item]
        root = items
    }

    private static func get(_ node: Any, _ path: ArraySlice<any Sendable>) -> Any? {
        guard let first = path.first else { return node }
        if let key = first as? String, let object = node as? [String: Any], let child = object[key] {
            return get(child, path.dropFirst())
        }
        if let index = first as? Int, let array = node as? [Any], array.indices.contains(index) {
            return get(array[index], path.dropFirst())
        }
        return nil
    }

    private static func set(_ node: Any, _ path: ArraySlice<any Sendable>, _ value: Any?) -> Any {
        guard let first = path.first else { return value as Any }
        if let key = first as? String, var object = node as? [String: Any] {
            if path.count == 1 {
                object[key] = value
            } else {
                object[key] = set(object[key] as Any, path.dropFirst(), value)
            }
            return object
        }
        if let index = first as? Int, var array = node as? [Any] {
            array[index] = set(array[index], path.dropFirst(), value)
            return array
        }
        fatalError("no such path in the fixture: \(path)")
    }
}

/// Where each part of a roster read from tables came from, so that a model path such as
/// `hearings[3].location` can be shown to a planner as the cell `hearings.csv:5:5` of a folder or
/// `hearings!E5` of a workbook.
struct TablePlaces: Sendable {
    /// The rows of one list table, by the index of the item in the roster (not in the table: rows
    /// with errors are left out of the roster).
    struct ListRows: Sendable {
        var file: String
        var lines: [Int] = []
        /// 1-based column of each known column of the header.
        var columns: [String: Int] = [:]
    }

    var style: TableStyle
    /// By the roster's list name: `locations`, `hearings`, `interpreters`, `officers`.
    var lists: [String: ListRows] = [:]
    /// The line of each key of `horizon` and `policy`, by `horizon` and `policy`.
    var keyLines: [String: [String: Int]] = [:]
    /// `available[list][i][k]`: the availability cell that gave slot `k` of person `i` of `list`.
    var available: [String: [[TablePlace]]] = [:]

    init(style: TableStyle) {
        self.style = style
    }

    func place(_ place: TablePlace) -> String {
        style.place(place.file, line: place.line, column: place.column)
    }

    /// The place of a model path or a table place; the table alone where no line applies.
    func place(of path: FieldPath) -> String {
        guard case .key(let first)? = path.components.first else { return style.wholePlace }
        let rest = Array(path.components.dropFirst())
        if first.hasSuffix(".csv") {
            let numbers = rest.compactMap { if case .index(let n) = $0 { n } else { nil } }
            return style.place(first, line: numbers.first, column: numbers.dropFirst().first)
        }
        switch first {
        case "horizon":
            return keyPlace(in: "horizon", file: RosterLayout.horizon.name, key: Self.horizonKey(rest))
        case "policy":
            let keys = rest.compactMap { if case .key(let key) = $0 { key } else { nil } }
            return keyPlace(in: "policy", file: RosterLayout.policy.name, key: keys.isEmpty ? nil : keys.joined(separator: "."))
        default:
            return itemPlace(in: first, rest) ?? path.description
        }
    }

    private func itemPlace(in listName: String, _ rest: [FieldPath.Component]) -> String? {
        guard let list = lists[listName] else { return nil }
        guard case .index(let index)? = rest.first, list.lines.indices.contains(index) else { return style.place(list.file) }
        let line = list.lines[index]
        let rowStart = style.place(list.file, line: line, column: 1)
        guard rest.count > 1, case .key(let field) = rest[1] else { return rowStart }
        if field == "available" {
            let slots = available[listName]?[index] ?? []
            if rest.count > 2, case .index(let slot) = rest[2], slots.indices.contains(slot) {
                return place(slots[slot])
            }
            return slots.first.map(place) ?? rowStart
        }
        var column = field
        if field == "fixed" {
            // fixed.date is the column fixedDate, and so on; `fixed` itself starts at fixedDate.
            var part = "date"
            if rest.count > 2, case .key(let key) = rest[2] { part = key }
            column = "fixed" + part.prefix(1).uppercased() + part.dropFirst()
        }
        return style.place(list.file, line: line, column: list.columns[column] ?? 1)
    }

    /// The value cell of a key row; a key that stands for several rows (`preferencePenalty`)
    /// gives its first. The table alone when there is no such row.
    private func keyPlace(in name: String, file: String, key: String?) -> String {
        guard let key, let lines = keyLines[name] else { return style.place(file) }
        let line = lines[key] ?? lines.filter { $0.key.hasPrefix(key + ".") }.map(\.value).min()
        guard let line else { return style.place(file) }
        return style.place(file, line: line, column: 2)
    }

    /// `start`, `holidays` for `holidays[0]`, `slotTimes.AM` for `slotTimes.AM`.
    private static func horizonKey(_ rest: [FieldPath.Component]) -> String? {
        guard case .key(let key)? = rest.first else { return nil }
        if key == "slotTimes", rest.count > 1, case .key(let part) = rest[1] {
            return RosterLayout.slotTimesPrefix + part
        }
        return key
    }
}

/// The members of one JSON object being decoded, with the path they stand at.
struct Fields {
    let path: FieldPath
    let members: [String: JSONNode]

    subscript(key: String) -> JSONNode? { members[key] }
}

/// Walks a JSON tree strictly: wrong types, missing required fields and unknown fields are all
/// recorded with their path, and decoding goes on so that every problem is reported at once.
struct FieldReader {
    var log = DiagnosticLog()

    /// The object at `node`, after reporting any member not in `allowed`.
    mutating func object(_ node: JSONNode, at path: FieldPath, allowed: Set<String>) -> Fields? {
        guard case .object(let pairs) = node.value else {
            log.error(path, "must be an object ({...}), not \(node.typeName)")
            return nil
        }
        var members: [String: JSONNode] = [:]
        for (key, value) in pairs {
            if allowed.contains(key) {
                members[key] = value
            } else {
                log.error(path / key, "unknown field \"\(key)\"\(Self.suggestion(for: key, among: allowed))")
            }
        }
        return Fields(path: path, members: members)
    }

    mutating func array(_ node: JSONNode, at path: FieldPath) -> [JSONNode]? {
        guard case .array(let items) = node.value else {
            log.error(path, "must be a list ([...]), not \(node.typeName)")
            return nil
        }
        return items
    }

    /// Reports a missing required field.
    mutating func require(_ fields: Fields, _ key: String) -> JSONNode? {
        guard let node = fields[key], !node.isNull else {
            log.error(fields.path / key, "is required but missing")
            return nil
        }
        return node
    }

    mutating func string(_ node: JSONNode, at path: FieldPath) -> String? {
        guard case .string(let text) = node.value else {
            log.error(path, "must be text in double quotes, not \(node.typeName)")
            return nil
        }
        return text
    }

    mutating func nonEmptyString(_ node: JSONNode, at path: FieldPath) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard !text.trimmingSpaces.isEmpty else {
            log.error(path, "must not be empty")
            return nil
        }
        return text
    }

    mutating func bool(_ node: JSONNode, at path: FieldPath) -> Bool? {
        guard case .bool(let value) = node.value else {
            log.error(path, "must be true or false, not \(node.typeName)")
            return nil
        }
        return value
    }

    mutating func integer(_ node: JSONNode, at path: FieldPath, minimum: Int) -> Int? {
        guard case .number(let value, let isInteger) = node.value, isInteger || value.rounded() == value else {
            log.error(path, "must be a whole number, not \(node.typeName == "a number" ? "a fraction" : node.typeName)")
            return nil
        }
        guard value >= Double(minimum), value <= 1_000_000_000 else {
            log.error(path, "must be at least \(minimum)\(value > 1_000_000_000 ? " and at most 1000000000" : "")")
            return nil
        }
        return Int(value)
    }

    mutating func number(_ node: JSONNode, at path: FieldPath, minimum: Double) -> Double? {
        number(node, at: path, in: minimum...Double.greatestFiniteMagnitude)
    }

    /// A number within `range`; a value outside it is named with the whole range.
    mutating func number(_ node: JSONNode, at path: FieldPath, in range: ClosedRange<Double>) -> Double? {
        guard case .number(let value, _) = node.value else {
            log.error(path, "must be a number, not \(node.typeName)")
            return nil
        }
        guard value.isFinite, range.contains(value) else {
            if range.upperBound == .greatestFiniteMagnitude {
                log.error(path, "must be at least \(range.lowerBound.decimalText)")
            } else {
                log.error(path, "must be from \(range.lowerBound.decimalText) to \(range.upperBound.decimalText), not \(value.decimalText)")
            }
            return nil
        }
        return value
    }

    mutating func day(_ node: JSONNode, at path: FieldPath) -> Day? {
        guard let text = string(node, at: path) else { return nil }
        guard let day = Day(text) else {
            log.error(path, "'\(text)' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-07")
            return nil
        }
        return day
    }

    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ node: JSONNode, at path: FieldPath, _ type: Value.Type
    ) -> Value? where Value.RawValue == String {
        guard let text = string(node, at: path) else { return nil }
        guard let value = Value(rawValue: text) else {
            let options = Value.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            log.error(path, "'\(text)' is not one of \(options)")
            return nil
        }
        return value
    }

    mutating func strings(_ node: JSONNode, at path: FieldPath) -> [String]? {
        guard let items = array(node, at: path) else { return nil }
        var result: [String] = []
        var isComplete = true
        for (index, item) in items.enumerated() {
            if let text = nonEmptyString(item, at: path / index) { result.append(text) } else { isComplete = false }
        }
        return isComplete ? result : nil
    }

    mutating func slots(_ node: JSONNode, at path: FieldPath) -> [SlotName]? {
        guard let items = array(node, at: path) else { return nil }
        var result: [SlotName] = []
        var isComplete = true
        for (index, item) in items.enumerated() {
            guard let text = string(item, at: path / index) else {
                isComplete = false
                continue
            }
            guard let slot = SlotName(text) else {
                log.error(path / index, "'\(text)' is not a slot: write it as DATE/PART, e.g. 2026-12-07/AM")
                isComplete = false
                continue
            }
            result.append(slot)
        }
        return isComplete ? result : nil
    }

    /// ", did you mean ...?" for a key one or two edits away from an allowed one.
    static func suggestion(for key: String, among allowed: Set<String>) -> String {
        DidYouMean.suggestion(for: key, among: allowed)
    }
}

extension JSONNode {
    var isNull: Bool {
        if case .null = value { return true }
        return false
    }
}

extension String {
    var trimmingSpaces: Substring {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}

extension Double {
    /// A number as a person writes it: `20`, not `20.0`.
    public var decimalText: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int(self)) }
        return String(self)
    }
}

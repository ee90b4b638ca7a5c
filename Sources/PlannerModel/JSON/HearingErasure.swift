/// Takes hearings out of stored documents (rosters, plans, events) when an applicant's data must be
/// erased, leaving everyone else's data as it was. Pure: bytes in, bytes out.
///
/// In a document, for each erased hearing id:
/// - an object in a list is dropped when its `hearing` is that id (or an object with that `id`),
///   or when it stands in a list named `hearings` with that `id`: the hearing itself, its
///   assignment, unmet preference, unscheduled entry, change, the changes told to a person, and
///   an event about it;
/// - the id is dropped from lists of ids (such as the hearings that held a candidate), and event
///   ids in `erasedEvents` from lists named `appliedEvents`;
/// - anywhere else, in a value or inside a sentence, the id is replaced by `(erased)`.
///
/// Object members keep their order; numbers keep their text where it was an integer.
public struct HearingErasure: Sendable {
    /// The word that stands where an erased id stood.
    public static let placeholder = "(erased)"

    public let hearings: Set<String>
    public let erasedEvents: Set<String>

    public init(hearings: Set<String>, erasedEvents: Set<String> = []) {
        self.hearings = hearings
        self.erasedEvents = erasedEvents
    }

    /// The document without the hearings, and whether anything changed; nil when the bytes are not JSON.
    public func apply(to bytes: [UInt8]) -> (bytes: [UInt8], changed: Bool)? {
        guard let tree = try? JSONParser.parse(bytes) else { return nil }
        var changed = false
        let erased = erase(tree, key: nil, changed: &changed)
        guard changed else { return (bytes, false) }
        var out = ""
        JSONWriter.write(erased, to: &out)
        return (Array(out.utf8), true)
    }

    /// Whether a whole object is about an erased hearing: an event about it, or an entry of a list.
    public func isAbout(_ bytes: [UInt8]) -> Bool {
        guard let tree = try? JSONParser.parse(bytes) else { return false }
        return isDropped(tree, inList: nil)
    }

    private func erase(_ node: JSONNode, key: String?, changed: inout Bool) -> JSONNode {
        var node = node
        switch node.value {
        case .array(let items):
            var kept: [JSONNode] = []
            for item in items {
                if isDropped(item, inList: key) {
                    changed = true
                    continue
                }
                if case .string(let text) = item.value,
                   hearings.contains(text) || (key == "appliedEvents" && erasedEvents.contains(text))
                {
                    changed = true
                    continue
                }
                kept.append(erase(item, key: nil, changed: &changed))
            }
            node.value = .array(kept)
        case .object(let members):
            node.value = .object(members.map { (key: $0.key, node: erase($0.node, key: $0.key, changed: &changed)) })
        case .string(let text):
            let replaced = Self.replacingWholeWords(hearings, in: text)
            if replaced != text {
                changed = true
                node.value = .string(replaced)
            }
        default:
            break
        }
        return node
    }

    private func isDropped(_ item: JSONNode, inList key: String?) -> Bool {
        guard case .object = item.value else { return false }
        if let hearing = item["hearing"] {
            if case .string(let id) = hearing.value, hearings.contains(id) { return true }
            if case .string(let id)? = hearing["id"]?.value, hearings.contains(id) { return true }
        }
        if key == "hearings", case .string(let id)? = item["id"]?.value, hearings.contains(id) { return true }
        return false
    }

    /// `text` with each whole-word occurrence of an id replaced: `H-1` in "moved for H-1." but not
    /// in "H-12" or "XH-1", ids being made of letters, digits, `-` and `_`.
    static func replacingWholeWords(_ ids: Set<String>, in text: String) -> String {
        guard ids.contains(where: { text.contains($0) }) else { return text }
        var result = text
        for id in ids.sorted(by: { $0.count > $1.count }) where !id.isEmpty {
            var out = ""
            var rest = Substring(result)
            while let range = rest.range(of: id) {
                let before = range.lowerBound == rest.startIndex ? (out.last) : rest[rest.index(before: range.lowerBound)]
                let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
                out += rest[..<range.lowerBound]
                if isWordCharacter(before) || isWordCharacter(after) {
                    out += id
                } else {
                    out += placeholder
                }
                rest = rest[range.upperBound...]
            }
            out += rest
            result = out
        }
        return result
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "-" || character == "_"
    }
}

/// Writes a ``JSONNode`` back as compact JSON.
enum JSONWriter {
    static func write(_ node: JSONNode, to out: inout String) {
        switch node.value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let value, let isInteger):
            if isInteger, let whole = Int64(exactly: value) { out += String(whole) } else { out += "\(value)" }
        case .string(let text): writeString(text, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                writeString(member.key, to: &out)
                out += ":"
                write(member.node, to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

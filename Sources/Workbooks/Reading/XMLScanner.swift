/// Walks the XML of one part of a workbook, element by element, over its bytes.
///
/// Written here rather than taken from Foundation's `XMLParser` (or XMLCoder, which builds on
/// it) for speed: a 10,000-hearing roster has some 400,000 cells, and `XMLParser` needs about
/// 2.5 s for them on this machine, more than the whole read may take (docs/formats-xlsx.md, "How
/// workbooks are read and written"). It reads what SpreadsheetML parts hold: elements, attributes,
/// text, the five predefined entities and character references, CDATA, comments and processing
/// instructions. It refuses a document type declaration outright: no part of a workbook has one,
/// and entities defined in one are how XML is made to expand without end or read other files.
/// Names are compared by their local part, so `x:c` is `c`.
struct XMLScanner {
    enum Event: Equatable {
        /// A start tag; its attributes are read with `attribute(_:)` before the next event. A
        /// self-closing tag gives `.start` then `.end`.
        case start
        case end
        /// Text between tags; read it with `text`.
        case text
    }

    struct Failure: Error, Equatable {
        /// The byte offset in the part where reading stopped.
        var offset: Int
        var reason: String
    }

    private let bytes: [UInt8]
    private var index: Int
    /// The local name of the element just started or ended.
    private(set) var name: Range<Int> = 0..<0
    private var attributeRanges: [(name: Range<Int>, value: Range<Int>)] = []
    private var textRange: Range<Int> = 0..<0
    private var isCDATA = false
    private var pendingEnd = false
    private var open: [Range<Int>] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next event, or nil at the end of the part.
    mutating func next() throws(Failure) -> Event? {
        if pendingEnd {
            pendingEnd = false
            return .end
        }
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                guard !open.isEmpty else { continue }  // whitespace around the root element
                textRange = start..<index
                isCDATA = false
                return .text
            }
            guard index + 1 < bytes.count else { throw fail("the part ends inside a tag") }
            switch bytes[index + 1] {
            case UInt8(ascii: "?"):
                try skip(past: Array("?>".utf8))
            case UInt8(ascii: "!"):
                if matches("<!--") {
                    try skip(past: Array("-->".utf8))
                } else if matches("<![CDATA[") {
                    let start = index + 9
                    try skip(past: Array("]]>".utf8))
                    textRange = start..<(index - 3)
                    isCDATA = true
                    return .text
                } else if matches("<!DOCTYPE") {
                    throw fail("the part declares a document type, which no workbook part has (it could define entities that expand without end)")
                } else {
                    throw fail("the part has a declaration (<!...>) that no workbook part has")
                }
            case UInt8(ascii: "/"):
                index += 2
                let qualified = readName()
                skipSpaces()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("an end tag is not closed") }
                index += 1
                guard let last = open.popLast(), bytes[last].elementsEqual(bytes[qualified]) else {
                    throw fail("an end tag does not match its start tag")
                }
                name = localName(qualified)
                return .end
            default:
                index += 1
                try readStartTag()
                return .start
            }
        }
        guard open.isEmpty else { throw fail("the part ends before its elements are closed") }
        return nil
    }

    /// Whether the current element's local name is `literal`.
    func isNamed(_ literal: StaticString) -> Bool {
        equals(name, literal)
    }

    /// The unescaped value of the current start tag's attribute with local name `literal`.
    func attribute(_ literal: StaticString) throws(Failure) -> String? {
        for attribute in attributeRanges where equals(localName(attribute.name), literal) {
            return try unescaped(attribute.value)
        }
        return nil
    }

    /// The unescaped current text.
    func text() throws(Failure) -> String {
        isCDATA ? String(decoding: bytes[textRange], as: UTF8.self) : try unescaped(textRange)
    }

    // MARK: Tags

    private mutating func readStartTag() throws(Failure) {
        let qualified = readName()
        guard !qualified.isEmpty else { throw fail("a tag has no name") }
        attributeRanges.removeAll(keepingCapacity: true)
        while true {
            skipSpaces()
            guard index < bytes.count else { throw fail("the part ends inside a tag") }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                open.append(qualified)
                break
            }
            if bytes[index] == UInt8(ascii: "/") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else { throw fail("a tag is not closed") }
                index += 2
                pendingEnd = true
                break
            }
            let attributeName = readName()
            skipSpaces()
            guard !attributeName.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw fail("an attribute has no value")
            }
            index += 1
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw fail("an attribute value is not quoted")
            }
            let quote = bytes[index]
            let start = index + 1
            guard let end = bytes[start...].firstIndex(of: quote) else { throw fail("an attribute value is not closed") }
            attributeRanges.append((attributeName, start..<end))
            index = end + 1
        }
        name = localName(qualified)
    }

    private mutating func readName() -> Range<Int> {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                 UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="):
                return start..<index
            default:
                index += 1
            }
        }
        return start..<index
    }

    private mutating func skipSpaces() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    private mutating func skip(past terminator: [UInt8]) throws(Failure) {
        var position = index
        while position + terminator.count <= bytes.count {
            if bytes[position] == terminator[0], bytes[position..<(position + terminator.count)].elementsEqual(terminator) {
                index = position + terminator.count
                return
            }
            position += 1
        }
        throw fail("the part ends inside a comment, declaration or CDATA section")
    }

    private func matches(_ literal: String) -> Bool {
        let literal = Array(literal.utf8)
        return index + literal.count <= bytes.count && bytes[index..<(index + literal.count)].elementsEqual(literal)
    }

    private func localName(_ qualified: Range<Int>) -> Range<Int> {
        guard let colon = bytes[qualified].lastIndex(of: UInt8(ascii: ":")) else { return qualified }
        return (colon + 1)..<qualified.upperBound
    }

    private func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        return literal.withUTF8Buffer { bytes[range].elementsEqual($0) }
    }

    private func fail(_ reason: String) -> Failure {
        Failure(offset: index, reason: reason)
    }

    // MARK: Entities

    /// The text of `range` with entity and character references replaced.
    private func unescaped(_ range: Range<Int>) throws(Failure) -> String {
        guard bytes[range].contains(UInt8(ascii: "&")) else {
            return String(decoding: bytes[range], as: UTF8.self)
        }
        var result: [UInt8] = []
        result.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "&") else {
                result.append(byte)
                position += 1
                continue
            }
            guard let semicolon = bytes[position..<range.upperBound].firstIndex(of: UInt8(ascii: ";")) else {
                throw Failure(offset: position, reason: "an & is not followed by an entity name and ;")
            }
            let entity = String(decoding: bytes[(position + 1)..<semicolon], as: UTF8.self)
            let scalar: Unicode.Scalar? = switch entity {
            case "lt": "<"
            case "gt": ">"
            case "amp": "&"
            case "quot": "\""
            case "apos": "'"
            default:
                if entity.hasPrefix("#x") {
                    UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    UInt32(entity.dropFirst(1)).flatMap(Unicode.Scalar.init)
                } else {
                    nil
                }
            }
            guard let scalar else {
                throw Failure(offset: position, reason: "the entity &\(entity); is not one XML knows without a document type")
            }
            result.append(contentsOf: Array(String(Character(scalar)).utf8))
            position = semicolon + 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Turns field paths into places in a parsed document (`hearings[12].latest (line 240, column
/// 18)`) in time that does not grow with the document for each place.
///
/// Placing every problem by scanning the document from its start, and finding each member of an
/// object by reading the members in order, made a document with many problems quadratic: a
/// 1 MB object of 100,000 unknown fields took minutes to refuse. The line index and the member
/// index are built once, in one pass each.
public struct JSONLocator: Sendable {
    private let tree: JSONNode
    private let lines: LineIndex
    /// For objects with many members, by the object's offset: each member's position by key.
    private let memberIndex: [Int: [String: Int]]
    private static let indexedObjectSize = 16

    public init(tree: JSONNode, bytes: [UInt8]) {
        self.tree = tree
        lines = LineIndex(bytes)
        var index: [Int: [String: Int]] = [:]
        var pending = [tree]
        while let node = pending.popLast() {
            switch node.value {
            case .object(let members):
                if members.count > Self.indexedObjectSize {
                    var keys: [String: Int] = [:]
                    keys.reserveCapacity(members.count)
                    for (position, member) in members.enumerated() { keys[member.key] = position }
                    index[node.offset] = keys
                }
                pending.append(contentsOf: members.lazy.map(\.node))
            case .array(let items):
                pending.append(contentsOf: items)
            default:
                break
            }
        }
        memberIndex = index
    }

    /// The node at `path`, if the document has one there.
    public func node(at path: FieldPath) -> JSONNode? {
        var current = tree
        for component in path.components {
            switch (component, current.value) {
            case (.key(let key), .object(let members)):
                if let keys = memberIndex[current.offset] {
                    guard let position = keys[key] else { return nil }
                    current = members[position].node
                } else {
                    guard let next = current[key] else { return nil }
                    current = next
                }
            case (.index(let index), .array(let items)) where items.indices.contains(index):
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// `path (line L, column C)` at the node of `path`, or of its parent when `orParent` and the
    /// path itself is absent (a missing field is placed at its object); the bare path otherwise.
    public func place(of path: FieldPath, orParent: Bool = true) -> String {
        guard let node = node(at: path) ?? (orParent ? node(at: FieldPath(Array(path.components.dropLast()))) : nil) else {
            return path.description
        }
        let (line, column) = lines.lineAndColumn(of: node.offset)
        return "\(path) (line \(line), column \(column))"
    }

    /// 1-based line and column of a byte offset, as ``JSONParser/lineAndColumn(of:in:)`` counts them.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) { lines.lineAndColumn(of: offset) }
}

/// Line starts and counts of characters (UTF-8 lead bytes) at every 64th byte, so that a byte
/// offset's line and column cost a binary search and at most 64 bytes of counting.
struct LineIndex: Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int]
    private let charactersBeforeBlock: [Int]
    private static let block = 64

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var blocks: [Int] = []
        blocks.reserveCapacity(bytes.count / Self.block + 1)
        var characters = 0
        for (offset, byte) in bytes.enumerated() {
            if offset % Self.block == 0 { blocks.append(characters) }
            if byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
            if byte & 0xC0 != 0x80 { characters += 1 }
        }
        blocks.append(characters)
        lineStarts = starts
        charactersBeforeBlock = blocks
    }

    /// Characters (UTF-8 lead bytes) before `offset`.
    private func characters(before offset: Int) -> Int {
        let blockIndex = offset / Self.block
        var count = charactersBeforeBlock[min(blockIndex, charactersBeforeBlock.count - 1)]
        var position = blockIndex * Self.block
        while position < offset {
            if bytes[position] & 0xC0 != 0x80 { count += 1 }
            position += 1
        }
        return count
    }

    func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        let end = max(0, min(offset, bytes.count))
        // The last line start at or before `end`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= end { low = middle } else { high = middle - 1 }
        }
        let lineStart = lineStarts[low]
        // A line feed counts as no character of the next line: columns restart after it.
        return (low + 1, characters(before: end) - characters(before: lineStart) + 1)
    }
}

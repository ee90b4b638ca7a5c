/// A parsed JSON value that remembers where it stood in the text, so that messages can name
/// a line and column. Object members keep their order; duplicate keys are reported by the parser.
public struct JSONNode: Sendable {
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        /// The number and whether its text was an integer (no fraction, no exponent).
        case number(Double, isInteger: Bool)
        case string(String)
        case array([JSONNode])
        case object([(key: String, node: JSONNode)])
    }

    public var value: Value
    /// Byte offset of the value's first character in the document.
    public var offset: Int

    public var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// The member of an object named `key`, if any.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.node
    }

    /// The node at `path`, if the document has one there.
    public func node(at path: FieldPath) -> JSONNode? {
        var current = self
        for component in path.components {
            switch (component, current.value) {
            case (.key(let key), .object):
                guard let next = current[key] else { return nil }
                current = next
            case (.index(let index), .array(let items)) where items.indices.contains(index):
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}

/// A JSON syntax error with its line and column (both 1-based).
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "line \(line), column \(column): \(message)" }
}

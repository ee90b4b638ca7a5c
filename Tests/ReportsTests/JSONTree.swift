import Foundation
import Testing

/// A parsed JSON document, read generically (JSONSerialization), so that the tests check the bytes
/// the report writes rather than the Swift values behind them.
struct JSONTree {
    let root: Any

    init(_ bytes: [UInt8]) throws {
        root = try JSONSerialization.jsonObject(with: Data(bytes))
    }

    static func object(_ value: Any?, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(value as? [String: Any], sourceLocation: sourceLocation)
    }

    static func int(_ value: Any?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        try #require((value as? NSNumber)?.intValue, sourceLocation: sourceLocation)
    }

    static func double(_ value: Any?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Double {
        try #require((value as? NSNumber)?.doubleValue, sourceLocation: sourceLocation)
    }

    static func isSuppressed(_ value: Any?) -> Bool {
        guard let object = value as? [String: Any] else { return false }
        return object.count == 1 && (object["suppressed"] as? Bool) == true
    }

    /// Every number in the document, in no particular order (the report's only booleans are
    /// `suppressed` and `withRoster`, left out by name).
    static func numbers(in value: Any) -> [Double] {
        switch value {
        case let object as [String: Any]:
            return object.filter { $0.key != "suppressed" && $0.key != "withRoster" }.values.flatMap(numbers)
        case let array as [Any]: return array.flatMap(numbers)
        case let number as NSNumber: return [number.doubleValue]
        default: return []
        }
    }
}

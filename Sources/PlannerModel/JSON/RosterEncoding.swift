import Foundation

/// JSON output shared by rosters, plans and reports: pretty, no escaped slashes, and keys sorted,
/// because Foundation on Linux writes keys in a different order on every run otherwise.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var bytes = Array(try encoder.encode(value))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

/// The roster@1 document as written.
struct RosterDocument: Encodable {
    let roster: Roster

    init(_ roster: Roster) { self.roster = roster }

    enum CodingKeys: String, CodingKey {
        case format, horizon, policy, locations, hearings, interpreters, officers
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Roster.format, forKey: .format)
        try container.encode(roster.horizon, forKey: .horizon)
        if roster.policy != Policy() { try container.encode(roster.policy, forKey: .policy) }
        try container.encode(roster.locations, forKey: .locations)
        try container.encode(roster.hearings, forKey: .hearings)
        try container.encode(roster.interpreters, forKey: .interpreters)
        try container.encode(roster.officers, forKey: .officers)
    }
}

extension SlotName: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let slot = SlotName(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not DATE/PART")
        }
        self = slot
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Horizon: Encodable {
    enum CodingKeys: String, CodingKey {
        case start, end, holidays, slots, slotTimes, timeZone
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(holidays, forKey: .holidays)
        try container.encode(slots, forKey: .slots)
        var times = container.nestedContainer(keyedBy: AnyKey.self, forKey: .slotTimes)
        for part in slotTimes.keys.sorted() {
            let value = slotTimes[part]!
            try times.encode([value.start.description, value.end.description], forKey: AnyKey(part))
        }
        try container.encode(timeZone, forKey: .timeZone)
    }
}

extension Policy: Encodable {
    /// Writes every weight, so that a reader sees the whole policy a plan was made with.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        var penalties = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("preferencePenalty"))
        try penalties.encode(preferencePenalty.standard, forKey: AnyKey("standard"))
        try penalties.encode(preferencePenalty.high, forKey: AnyKey("high"))
        for (key, path) in Policy.numericKeys where !key.contains(".") {
            try container.encode(self[keyPath: path], forKey: AnyKey(key))
        }
        try container.encodeIfPresent(maxChanges, forKey: AnyKey("maxChanges"))
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

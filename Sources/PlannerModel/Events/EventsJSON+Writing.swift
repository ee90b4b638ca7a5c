import Foundation

/// Writing events@1, beside its reader: an event as one event object, written from the decoded
/// event so that reading it back gives the same event. The service's log stores events this way.
extension EventsJSON {
    /// One event object, compact JSON with sorted keys.
    public static func document(of record: EventRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(EventObject(record: record)), as: UTF8.self)
    }

    /// Event objects as ``document(of:)`` writes them, read back as one batch: nil when any of
    /// them is not an event of this version.
    public static func records(of documents: [String]) -> [EventRecord]? {
        let text = "{\"format\": \"\(format)\", \"events\": [" + documents.joined(separator: ",") + "]}"
        return read(Array(text.utf8)).events
    }

    private struct EventObject: Encodable {
        let record: EventRecord

        enum Key: String, CodingKey {
            case id, type, person, slots, available, hearing, interpreter, officer
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(record.id, forKey: .id)
            try container.encode(record.change.type, forKey: .type)
            switch record.change {
            case .availability(let person, let slots, let available):
                try container.encode(person, forKey: .person)
                try container.encode(slots, forKey: .slots)
                try container.encode(available, forKey: .available)
            case .hearingCancelled(let hearing):
                try container.encode(hearing, forKey: .hearing)
            case .hearingAdded(let hearing), .hearingChanged(let hearing):
                try container.encode(hearing, forKey: .hearing)
            case .interpreterAdded(let person):
                try container.encode(person, forKey: .interpreter)
            case .officerAdded(let person):
                try container.encode(person, forKey: .officer)
            case .personRemoved(let person):
                try container.encode(person, forKey: .person)
            }
        }
    }
}

import Foundation
import PlannerModel

/// An event as one events@1 event object, as the log stores it: written from the decoded event,
/// so that reading it back gives the same event.
struct EventDocument: Encodable {
    let record: EventRecord

    init(_ record: EventRecord) { self.record = record }

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

    /// Compact JSON with sorted keys.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

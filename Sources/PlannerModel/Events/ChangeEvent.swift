/// A change to the roster after a plan was published (events@1 of formats.md).
public enum ChangeEvent: Sendable, Equatable {
    /// A person became available (`available: true`) or unavailable in these slots.
    case availability(person: String, slots: [SlotName], available: Bool)
    case hearingCancelled(hearing: String)
    case hearingAdded(Hearing)
    /// The whole new hearing, with the id of the one it replaces.
    case hearingChanged(Hearing)
    case interpreterAdded(Interpreter)
    case officerAdded(Officer)
    case personRemoved(person: String)

    /// The `type` field of the event in JSON.
    public var type: String {
        switch self {
        case .availability: "availability"
        case .hearingCancelled: "hearingCancelled"
        case .hearingAdded: "hearingAdded"
        case .hearingChanged: "hearingChanged"
        case .interpreterAdded, .officerAdded: "personAdded"
        case .personRemoved: "personRemoved"
        }
    }
}

/// An event with its id: applying the same id twice changes nothing.
public struct EventRecord: Sendable, Equatable {
    public var id: String
    public var change: ChangeEvent

    public init(id: String, change: ChangeEvent) {
        self.id = id
        self.change = change
    }
}

/// Why a batch of events was refused: the first event that does not fit, and every reason.
public struct EventRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// Position of the event in the batch (0-based).
    public var index: Int
    public var id: String
    public var reasons: [String]

    public var description: String {
        "event \(index) (\(id)) does not fit the roster, so none of the batch was applied: "
            + reasons.joined(separator: "; ")
    }
}

/// The outcome of applying a batch.
public struct AppliedEvents: Sendable, Equatable {
    public var roster: Roster
    /// Ids applied now, in order.
    public var applied: [String]
    /// Ids skipped because they had been applied before (or earlier in the same batch).
    public var skipped: [String]
}

extension Roster {
    /// Applies events in order, all or nothing. An event whose id is in `alreadyApplied` (or came
    /// earlier in the batch) is skipped. An event that does not fit (an unknown person or hearing,
    /// a slot outside the horizon, a new hearing or person with an error) refuses the whole batch.
    public func applying(_ events: [EventRecord], alreadyApplied: Set<String> = []) -> Result<AppliedEvents, EventRejection> {
        var roster = self
        var seen = alreadyApplied
        var applied: [String] = []
        var skipped: [String] = []
        for (index, event) in events.enumerated() {
            guard seen.insert(event.id).inserted else {
                skipped.append(event.id)
                continue
            }
            let before = Set(RosterValidator(roster: roster, incompleteIDs: []).errors())
            if let reason = roster.apply(event.change) {
                return .failure(EventRejection(index: index, id: event.id, reasons: [reason]))
            }
            let introduced = RosterValidator(roster: roster, incompleteIDs: []).errors().filter { !before.contains($0) }
            if !introduced.isEmpty {
                return .failure(EventRejection(index: index, id: event.id, reasons: introduced))
            }
            applied.append(event.id)
        }
        return .success(AppliedEvents(roster: roster, applied: applied, skipped: skipped))
    }

    /// Applies one change, or says why it does not fit.
    private mutating func apply(_ change: ChangeEvent) -> String? {
        let calendar = WorkCalendar(horizon)
        switch change {
        case .availability(let person, let slots, let available):
            for slot in slots where calendar.slotIndex(of: slot) == nil {
                return "\(slot) is not a slot of the horizon \(horizon.start)..\(horizon.end)"
            }
            if let index = interpreters.firstIndex(where: { $0.id == person }) {
                interpreters[index].available = Self.updated(interpreters[index].available, slots, available)
            } else if let index = officers.firstIndex(where: { $0.id == person }) {
                officers[index].available = Self.updated(officers[index].available, slots, available)
            } else {
                return "there is no interpreter or officer \"\(person)\""
            }
        case .hearingCancelled(let id):
            guard let index = hearings.firstIndex(where: { $0.id == id }) else { return "there is no hearing \"\(id)\"" }
            hearings.remove(at: index)
        case .hearingAdded(let hearing):
            if hearings.contains(where: { $0.id == hearing.id }) { return "the hearing \"\(hearing.id)\" exists already" }
            hearings.append(hearing)
        case .hearingChanged(let hearing):
            guard let index = hearings.firstIndex(where: { $0.id == hearing.id }) else {
                return "there is no hearing \"\(hearing.id)\""
            }
            hearings[index] = hearing
        case .interpreterAdded(let person):
            if isPersonID(person.id) { return "the id \"\(person.id)\" names a person already" }
            interpreters.append(person)
        case .officerAdded(let person):
            if isPersonID(person.id) { return "the id \"\(person.id)\" names a person already" }
            officers.append(person)
        case .personRemoved(let id):
            if let fixed = hearings.first(where: { $0.fixed?.interpreter == id || $0.fixed?.officer == id }) {
                return "the fixed hearing \(fixed.id) names \(id); change or cancel it first"
            }
            if let index = interpreters.firstIndex(where: { $0.id == id }) {
                interpreters.remove(at: index)
            } else if let index = officers.firstIndex(where: { $0.id == id }) {
                officers.remove(at: index)
            } else {
                return "there is no interpreter or officer \"\(id)\""
            }
            for index in hearings.indices {
                hearings[index].excludedInterpreters.removeAll { $0 == id }
                hearings[index].excludedOfficers.removeAll { $0 == id }
            }
        }
        return nil
    }

    private func isPersonID(_ id: String) -> Bool {
        interpreters.contains { $0.id == id } || officers.contains { $0.id == id }
    }

    private static func updated(_ available: [SlotName], _ slots: [SlotName], _ isAvailable: Bool) -> [SlotName] {
        if isAvailable {
            let known = Set(available)
            var seen = Set<SlotName>()
            return available + slots.filter { !known.contains($0) && seen.insert($0).inserted }
        }
        let removed = Set(slots)
        return available.filter { !removed.contains($0) }
    }
}

extension RosterValidator {
    /// The error sentences of the roster, with their paths, for comparing before and after.
    func errors() -> [String] {
        var log = DiagnosticLog()
        validate(into: &log)
        return log.entries.filter { $0.severity == .error }.map { "\($0.path): \($0.message)" }
    }
}

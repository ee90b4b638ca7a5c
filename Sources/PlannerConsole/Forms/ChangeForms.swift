import Foundation
import PlannerModel

/// A field of a form that is not right: the field's id (the error summary links to it) and the
/// catalogue key of the sentence that says what to do.
struct FieldError: Sendable, Equatable {
    var field: String
    var key: String
    var values: [String: String] = [:]
}

/// A form read: the change it reports, or what is wrong with it.
enum FormReading: Sendable, Equatable {
    case change(ChangeEvent)
    case problems([FieldError])
}

/// The forms of "report a change", read into change events. Pure: the roster is passed in, and
/// every problem of a form is found at once.
enum ChangeForms {
    /// "This person is not available (or available again) on these days and day parts."
    static func availability(_ form: FormFields, roster: Roster) -> FormReading {
        var errors: [FieldError] = []
        let person = form.text("person")
        if person == nil {
            errors.append(FieldError(field: "person", key: "change.error.personMissing"))
        } else if let person, !roster.interpreters.contains(where: { $0.id == person }), !roster.officers.contains(where: { $0.id == person }) {
            errors.append(FieldError(field: "person", key: "change.error.personUnknown", values: ["id": person]))
        }
        let isAvailable: Bool? = switch form["availability"] {
        case "unavailable": false
        case "available": true
        default: nil
        }
        if isAvailable == nil { errors.append(FieldError(field: "availability-unavailable", key: "change.error.availabilityMissing")) }
        let calendar = WorkCalendar(roster.horizon)
        let from = form.text("from").flatMap(Day.init)
        let to = form.text("to").flatMap(Day.init)
        if from == nil || !calendar.isWorkingDay(from!) { errors.append(FieldError(field: "from", key: "change.error.dayMissing")) }
        if to == nil || !calendar.isWorkingDay(to!) { errors.append(FieldError(field: "to", key: "change.error.dayMissing")) }
        if let from, let to, from > to { errors.append(FieldError(field: "to", key: "change.error.toBeforeFrom")) }
        let parts = roster.horizon.slots.filter(form.all("parts").contains)
        if parts.isEmpty { errors.append(FieldError(field: "part-\(roster.horizon.slots.first ?? "AM")", key: "change.error.partsMissing")) }
        guard errors.isEmpty, let person, let isAvailable, let from, let to else { return .problems(errors) }
        let slots = calendar.workingDays.filter { $0 >= from && $0 <= to }.flatMap { day in parts.map { SlotName(date: day, part: $0) } }
        return .change(.availability(person: person, slots: slots, available: isAvailable))
    }

    /// "This hearing is cancelled."
    static func cancellation(_ form: FormFields, roster: Roster) -> FormReading {
        guard let id = form.text("hearing") else { return .problems([FieldError(field: "cancel-hearing", key: "change.error.hearingMissing")]) }
        guard roster.hearings.contains(where: { $0.id == id }) else {
            return .problems([FieldError(field: "cancel-hearing", key: "change.error.hearingUnknown", values: ["id": id])])
        }
        return .change(.hearingCancelled(hearing: id))
    }

    /// "A hearing is added, or an existing one changed": added when the roster has no hearing with
    /// the id, else changed, keeping what the form does not show (excluded people, a fixed
    /// placement unless the planner releases it).
    static func hearing(_ form: FormFields, roster: Roster) -> FormReading {
        var errors: [FieldError] = []
        let id = form.text("id")
        if id == nil { errors.append(FieldError(field: "id", key: "change.error.idMissing")) }
        let language = form.text("language")?.lowercased()
        if language == nil || !(language!.count == 3 && language!.allSatisfy(\.isLetter)) {
            errors.append(FieldError(field: "language", key: "change.error.language"))
        }
        let fallback = list(form["fallbackLanguages"]).map { $0.lowercased() }
        if fallback.contains(where: { !($0.count == 3 && $0.allSatisfy(\.isLetter)) }) {
            errors.append(FieldError(field: "fallbackLanguages", key: "change.error.language"))
        }
        let location = form.text("location")
        if location == nil || !roster.locations.contains(where: { $0.id == location }) {
            errors.append(FieldError(field: "location", key: "change.error.location"))
        }
        let earliest = form.text("earliest").flatMap(Day.init)
        let latest = form.text("latest").flatMap(Day.init)
        if earliest == nil { errors.append(FieldError(field: "earliest", key: "change.error.date")) }
        if latest == nil { errors.append(FieldError(field: "latest", key: "change.error.date")) }
        if let earliest, let latest, earliest > latest { errors.append(FieldError(field: "latest", key: "change.error.latestBeforeEarliest")) }
        let duration = form.text("durationSlots").flatMap { Int($0) } ?? 1
        if duration < 1 || duration > roster.horizon.slots.count {
            errors.append(FieldError(field: "durationSlots", key: "change.error.duration"))
        }
        let interpreterGender = gender(form["interpreterGender"])
        let officerGender = gender(form["officerGender"])
        if interpreterGender == .invalid { errors.append(FieldError(field: "interpreterGender", key: "change.error.gender")) }
        if officerGender == .invalid { errors.append(FieldError(field: "officerGender", key: "change.error.gender")) }
        let priority = Priority(rawValue: form["priority"] ?? "standard")
        if priority == nil { errors.append(FieldError(field: "priority-standard", key: "change.error.priority")) }
        guard errors.isEmpty, let id, let language, let location, let earliest, let latest, let priority else { return .problems(errors) }
        let existing = roster.hearings.first { $0.id == id }
        var hearing = Hearing(
            id: id, kind: form.text("kind"), language: language, fallbackLanguages: fallback, location: location,
            durationSlots: duration, earliest: earliest, latest: latest,
            interpreterGender: interpreterGender.value, officerGender: officerGender.value, priority: priority,
            requiredTrainings: list(form["requiredTrainings"]), remoteInterpreterAllowed: form["remote"] == "yes",
            excludedInterpreters: existing?.excludedInterpreters ?? [], excludedOfficers: existing?.excludedOfficers ?? [],
            fixed: form["releaseFixed"] == "yes" ? nil : existing?.fixed)
        if hearing.fixed != nil, existing?.location != location { hearing.fixed = nil }
        return .change(existing == nil ? .hearingAdded(hearing) : .hearingChanged(hearing))
    }

    /// "Hold it this way": the hearing as it is, fixed at the option's day part and people.
    static func choosing(_ option: HearingOptionsSpot, for hearing: Hearing) -> ChangeEvent {
        var fixed = hearing
        fixed.fixed = FixedAssignment(date: option.date, slot: option.slot, interpreter: option.interpreter, officer: option.officer)
        return .hearingChanged(fixed)
    }

    /// A new event id: opaque, unique, naming nobody.
    static func eventID() -> String { "console-" + UUID().uuidString.lowercased() }

    private enum GenderChoice: Equatable {
        case none, invalid, chosen(GenderPreference)
        var value: GenderPreference? { if case .chosen(let g) = self { return g } else { return nil } }
    }

    private static func gender(_ text: String?) -> GenderChoice {
        guard let text, !text.isEmpty, text != "none" else { return .none }
        return GenderPreference(rawValue: text).map { .chosen($0) } ?? .invalid
    }

    /// `a; b;c` → ["a", "b", "c"].
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == ";" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Where an option holds a hearing: its start and people.
struct HearingOptionsSpot: Sendable, Equatable {
    var date: Day
    var slot: String
    var interpreter: String
    var officer: String
}

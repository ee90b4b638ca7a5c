import Foundation
import PlannerModel

/// The three forms of "report a change" as the template shows them: each field with its value,
/// its choices and its error, and the error summary linking to each field in error.
struct ChangeFormView {
    let display: Display
    let roster: Roster
    let values: FormFields
    let errors: [FieldError]

    func page() -> [String: Any] {
        let calendar = WorkCalendar(roster.horizon)
        let days = calendar.workingDays
        let chosenParts = values.all("parts")
        let partsError = error("part-\(roster.horizon.slots.first ?? "AM")")
        return [
            "errorSummary": errors.map { ["href": "#\($0.field)", "text": display.text($0.key, $0.values)] },
            "hasErrors": !errors.isEmpty,
            "person": field("person", label: "change.availability.person", hint: "change.availability.personHint", list: "people-list"),
            "people": (roster.interpreters.map(\.id) + roster.officers.map(\.id)).sorted().map { ["id": $0] },
            "hearingIDs": roster.hearings.map(\.id).sorted().map { ["id": $0] },
            "availability": [
                "error": error("availability-unavailable"), "hasError": !error("availability-unavailable").isEmpty,
                "unavailable": values["availability"] != "available",
                "available": values["availability"] == "available",
            ] as [String: Any],
            "from": choice("from", label: "change.availability.from", days.map { ($0.description, display.day($0)) }, default: days.first?.description),
            "to": choice("to", label: "change.availability.to", days.map { ($0.description, display.day($0)) }, default: days.last?.description),
            "parts": roster.horizon.slots.map { part in
                ["value": part, "label": display.catalogue.dayPart(part), "id": "part-\(part)",
                 "checked": chosenParts.isEmpty || chosenParts.contains(part)] as [String: Any]
            },
            "partsError": partsError, "hasPartsError": !partsError.isEmpty,
            "cancel": field("cancel-hearing", name: "hearing", label: "change.cancel.hearing", hint: "change.cancel.hint", list: "hearing-list"),
            "id": field("id", label: "change.hearing.id", hint: "change.hearing.idHint", list: "hearing-list"),
            "kind": field("kind", label: "change.hearing.kind", hint: "change.hearing.kindHint"),
            "language": field("language", label: "change.hearing.language", hint: "change.hearing.languageHint", isShort: true),
            "fallbackLanguages": field("fallbackLanguages", label: "change.hearing.fallback", hint: "change.hearing.listHint"),
            "requiredTrainings": field("requiredTrainings", label: "change.hearing.trainings", hint: "change.hearing.listHint"),
            "earliest": field("earliest", label: "change.hearing.earliest", type: "date", isShort: true),
            "latest": field("latest", label: "change.hearing.latest", hint: "change.hearing.latestHint", type: "date", isShort: true),
            "location": choice("location", label: "change.hearing.location", roster.locations.map { ($0.id, display.location($0.id)) }, default: roster.locations.first?.id),
            "durationSlots": choice("durationSlots", label: "change.hearing.duration", (1...max(1, roster.horizon.slots.count)).map { (String($0), display.catalogue.text("hearing.parts", count: $0)) }, default: "1"),
            "interpreterGender": choice("interpreterGender", label: "change.hearing.interpreterGender", genderChoices, default: "none"),
            "officerGender": choice("officerGender", label: "change.hearing.officerGender", genderChoices, default: "none"),
            "priorityStandard": values["priority"] != "high",
            "priorityHigh": values["priority"] == "high",
            "hasPriorityError": !error("priority-standard").isEmpty,
            "remote": values["remote"] == "yes",
            "isFixed": values["isFixed"] == "yes",
        ]
    }

    private var genderChoices: [(String, String)] {
        [("none", display.text("change.noPreference")), ("female", display.gender("female")), ("male", display.gender("male"))]
    }

    /// A text field: its id, name, label, hint, value and error.
    private func field(
        _ id: String, name: String? = nil, label: String, hint: String? = nil, type: String = "text", list: String? = nil,
        isShort: Bool = false
    ) -> [String: Any] {
        let name = name ?? id
        let message = error(id)
        var field: [String: Any] = [
            "id": id, "name": name, "label": display.text(label), "value": values[name] ?? "", "type": type,
            "error": message, "hasError": !message.isEmpty, "short": isShort,
        ]
        if let hint { field["hint"] = display.text(hint) }
        if let list { field["list"] = list }
        let described = [hint.map { _ in "\(id)-hint" }, message.isEmpty ? nil : "\(id)-error"].compactMap { $0 }
        if !described.isEmpty { field["describedBy"] = described.joined(separator: " ") }
        return field
    }

    /// A select: its choices with the chosen one marked.
    private func choice(_ id: String, label: String, _ options: [(value: String, label: String)], default fallback: String?) -> [String: Any] {
        let chosen = values[id] ?? fallback
        let message = error(id)
        return [
            "id": id, "name": id, "label": display.text(label), "error": message, "hasError": !message.isEmpty,
            "options": options.map { ["value": $0.value, "label": $0.label, "selected": $0.value == chosen] as [String: Any] },
        ]
    }

    private func error(_ field: String) -> String {
        errors.first { $0.field == field }.map { display.text($0.key, $0.values) } ?? ""
    }
}

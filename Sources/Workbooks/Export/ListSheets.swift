import Localization
import PlannerModel

extension PlanExport {
    static let hearingColumns: [(key: String, width: Double)] = [
        ("hearing", 12), ("date", 12), ("dayPart", 18), ("location", 10), ("language", 9), ("interpreter", 12),
        ("mode", 16), ("officer", 16), ("interpreterPreference", 26), ("officerPreference", 26), ("waitDays", 10),
        ("changed", 10),
    ]

    /// Every held hearing, one row each, by date and day part: the list to sort and filter.
    func hearingsSheet(_ index: PlanIndex, names: inout SheetNames) -> SheetDocument.Sheet {
        var sheet = listSheet(
            catalogue.text("export.sheet.hearings"), title: catalogue.text("export.hearings.title"),
            columns: Self.hearingColumns, names: &names)
        for assignment in index.assignments {
            let hearing = index.hearings[assignment.hearing]
            sheet.append([
                .text(assignment.hearing), SheetDocument.Cell(.date(assignment.date)),
                .text(index.dayParts(of: assignment, catalogue: catalogue)), .text(assignment.location),
                .text(assignment.language), .text(assignment.interpreter), .text(catalogue.mode(assignment.interpreterMode)),
                .text(assignment.officer),
                preferenceText(assignment.interpreterPreference, requested: hearing?.interpreterGender, assigned: index.genders[assignment.interpreter]),
                preferenceText(assignment.officerPreference, requested: hearing?.officerGender, assigned: index.genders[assignment.officer]),
                SheetDocument.Cell(.number(Double(assignment.waitDays))), .text(yesNo(assignment.changed)),
            ])
        }
        return sheet
    }

    static let unmetColumns: [(key: String, width: Double)] = [
        ("hearing", 12), ("date", 12), ("dayPart", 18), ("role", 16), ("requested", 11), ("assigned", 11),
        ("reason", 24), ("explanation", 60), ("evidence", 40), ("detail", 50),
    ]

    /// Each preference not met, with its reason in words and the evidence behind it.
    func unmetSheet(_ index: PlanIndex, names: inout SheetNames) -> SheetDocument.Sheet {
        var sheet = listSheet(
            catalogue.text("export.sheet.unmet"), title: catalogue.text("export.unmet.title"),
            columns: Self.unmetColumns, names: &names)
        let held = Dictionary(plan.assignments.map { ($0.hearing, $0) }, uniquingKeysWith: { first, _ in first })
        for unmet in plan.unmetPreferences {
            let assignment = held[unmet.hearing]
            sheet.append([
                .text(unmet.hearing), assignment.map { SheetDocument.Cell(.date($0.date)) } ?? .text(""),
                .text(assignment.map { index.dayParts(of: $0, catalogue: catalogue) } ?? ""),
                .text(catalogue.role(unmet.role)), .text(catalogue.gender(unmet.requested.rawValue)),
                .text(catalogue.gender(unmet.assigned.rawValue)),
                .text(catalogue.reasonTitle(unmet.reason.code), .wrap), .text(catalogue.reason(unmet.reason, role: unmet.role), .wrap),
                .text(evidence(unmet.reason), .wrap), .text(unmet.reason.detail, .wrap),
            ])
        }
        if plan.unmetPreferences.isEmpty { sheet.append([.text(catalogue.text("export.unmet.none"), .note)]) }
        return sheet
    }

    static let unheldColumns: [(key: String, width: Double)] = [
        ("hearing", 12), ("language", 9), ("location", 10), ("earliest", 12), ("latest", 12), ("deadlineInHorizon", 14),
        ("reason", 24), ("explanation", 60), ("evidence", 40), ("detail", 50),
    ]

    /// Each hearing not held, with its window, its reason in words and the evidence.
    func unheldSheet(_ index: PlanIndex, names: inout SheetNames) -> SheetDocument.Sheet {
        var sheet = listSheet(
            catalogue.text("export.sheet.unheld"), title: catalogue.text("export.unheld.title"),
            columns: Self.unheldColumns, names: &names)
        for unheld in plan.unscheduled {
            let hearing = index.hearings[unheld.hearing]
            sheet.append([
                .text(unheld.hearing), .text(hearing?.language ?? ""), .text(hearing?.location ?? ""),
                hearing.map { SheetDocument.Cell(.date($0.earliest)) } ?? .text(""),
                hearing.map { SheetDocument.Cell(.date($0.latest)) } ?? .text(""),
                .text(yesNo(unheld.deadlineInHorizon)),
                .text(catalogue.reasonTitle(unheld.reason.code), .wrap), .text(catalogue.reason(unheld.reason), .wrap),
                .text(evidence(unheld.reason), .wrap), .text(unheld.reason.detail, .wrap),
            ])
        }
        if plan.unscheduled.isEmpty { sheet.append([.text(catalogue.text("export.unheld.none"), .note)]) }
        return sheet
    }

    static let changeColumns: [(key: String, width: Double)] = [
        ("person", 12), ("role", 16), ("change", 16), ("hearing", 12), ("was", 34), ("becomes", 34),
    ]

    /// After a re-plan: for each person whose work changed, the hearings they gain, lose or that move.
    func changesSheet(_ changes: PlanDiff, names: inout SheetNames) -> SheetDocument.Sheet {
        var sheet = listSheet(
            catalogue.text("export.sheet.changes"), title: catalogue.text("export.changes.title"),
            columns: Self.changeColumns, names: &names)
        func placement(_ placement: PlanChange.Placement?) -> SheetDocument.Cell {
            .text(placement.map { catalogue.slot($0.date, part: $0.slot) } ?? "")
        }
        for person in changes.people {
            let role = catalogue.role(person.role)
            for change in person.gained {
                sheet.append([.text(person.person), .text(role), .text(catalogue.text("export.change.gained")), .text(change.hearing), .text(""), placement(change.after)])
            }
            for change in person.lost {
                sheet.append([.text(person.person), .text(role), .text(catalogue.text("export.change.lost")), .text(change.hearing), placement(change.before), .text("")])
            }
            for move in person.moved {
                sheet.append([.text(person.person), .text(role), .text(catalogue.text("export.change.moved")), .text(move.hearing), placement(move.before), placement(move.after)])
            }
        }
        return sheet
    }

    /// The evidence of a reason in words: the people checked, the counts per criterion, the
    /// hearings that took the candidates, what ran out, the best score now. Fields the plan does
    /// not carry are left out, so a plan with more or fewer of them reads as well.
    func evidence(_ reason: Reason) -> String {
        var parts: [String] = []
        if let checked = reason.candidatesChecked {
            parts.append(catalogue.text("export.evidence.checked", count: checked))
        }
        if let counts = reason.counts, !counts.isEmpty {
            let listed = counts.sorted { $0.key < $1.key }.map { key, value in "\(criterion(key)) \(value)" }
            parts.append(catalogue.text("export.evidence.counts", ["counts": listed.joined(separator: ", ")]))
        }
        if let takenBy = reason.takenBy, !takenBy.isEmpty {
            // A hearing of a busy month can be held up by thousands: the first few are named.
            var named = takenBy.prefix(Self.namedHearings).joined(separator: ", ")
            if takenBy.count > Self.namedHearings {
                named += " " + catalogue.text("export.evidence.more", ["count": String(takenBy.count - Self.namedHearings)])
            }
            parts.append(catalogue.text("export.evidence.takenBy", ["hearings": named]))
        }
        if let ranOut = reason.ranOut, !ranOut.isEmpty {
            let listed = ranOut.map { Self.resourceKeys[$0].map { catalogue.text("export.resource.\($0)") } ?? $0 }
            parts.append(catalogue.text("export.evidence.ranOut", ["resources": listed.joined(separator: ", ")]))
        }
        if let best = reason.bestScoreNow {
            parts.append(catalogue.text("export.evidence.bestScore", ["score": best.decimalText]))
        }
        if let notHeld = reason.scoreIfNotHeld {
            parts.append(catalogue.text("export.evidence.scoreIfNotHeld", ["score": notHeld.decimalText]))
        }
        if let way = reason.alternative {
            parts.append(catalogue.text("export.evidence.alternative", count: way.moves.count, [
                "slot": catalogue.slot(way.spot.date, part: way.spot.slot), "interpreter": way.spot.interpreter,
                "officer": way.spot.officer, "cost": ((way.cost * 100).rounded() / 100).decimalText,
            ]))
        }
        return parts.joined(separator: "; ")
    }

    /// A criterion of the counts in words: `language`, or `interpreter.language` for one role.
    private func criterion(_ key: String) -> String {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, let role = Role(rawValue: parts[0]) {
            return catalogue.role(role) + ": " + criterion(parts[1])
        }
        return catalogue.has("export.criterion.\(key)") ? catalogue.text("export.criterion.\(key)") : key
    }

    /// How many of the hearings that took the candidates a cell names.
    static let namedHearings = 10

    /// What the planner says ran out (plan@1 `ranOut`), by the catalogue key of its words.
    static let resourceKeys = [
        "rooms": "rooms", "interpreters": "interpreters", "officers": "officers",
        "interpreters' weekly maximum": "interpreterWeekly", "officers' weekly maximum": "officerWeekly",
        "interpreters on site elsewhere that day": "interpreterElsewhere",
    ]
}

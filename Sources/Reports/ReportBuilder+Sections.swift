import PlannerModel

/// The report's sections beside the fulfilment cells: waiting, unmet preferences by reason, hearings
/// not held, deadlines, interpreter supply and workload.
extension ReportBuilder {
    // MARK: Waiting, reasons, deadlines

    enum WaitClass: CaseIterable { case met, unmet, none }

    func waitClass(of assignment: Assignment) -> WaitClass {
        let states = [assignment.interpreterPreference, assignment.officerPreference]
        if states.contains(.unmet) { return .unmet }
        if states.contains(.met) { return .met }
        return .none
    }

    /// Waiting per class. The classes add up to the held hearings, which are shown, so a class with
    /// too few hearings takes another with it. When the overall "both" cell is hidden the classes
    /// would tell how many hearings asked for anything, so all are hidden.
    func waiting(bothShown: Bool) -> FulfilmentReport.Waiting {
        var waits: [WaitClass: [Int]] = [.met: [], .unmet: [], .none: []]
        for record in held { waits[waitClass(of: record.assignment)]!.append(record.assignment.waitDays) }
        var table = SuppressionTable()
        let cells = WaitClass.allCases.map { table.add(waits[$0]!.count, cost: 0, hidden: !bothShown) }
        let total = table.add(held.count, cost: 100)
        table.relate(parts: cells, total: total)
        let hidden = table.hiddenCells(minCell: minCell)
        func figures(_ index: Int) -> Disclosed<FulfilmentReport.WaitStats> {
            let values = waits[WaitClass.allCases[index]]!
            guard !hidden.contains(cells[index]), let median = Statistics.median(values),
                  let p90 = Statistics.percentile(90, of: values)
            else { return .suppressed }
            return .shown(FulfilmentReport.WaitStats(hearings: values.count, medianWaitDays: median, p90WaitDays: p90))
        }
        return FulfilmentReport.Waiting(met: figures(0), unmet: figures(1), none: figures(2))
    }

    func unmetByReason(_ margin: MarginHidden) -> FulfilmentReport.UnmetByReason {
        func breakdown(_ roles: [Role], hidden: Bool) -> Disclosed<FulfilmentReport.ReasonBreakdown> {
            guard !hidden else { return .suppressed }
            var counts: [String: Int] = [:]
            for request in requests where roles.contains(request.role) {
                if let reason = request.reason { counts[reason, default: 0] += 1 }
            }
            return .shown(FulfilmentReport.ReasonBreakdown(unmet: counts.values.reduce(0, +), byReason: counts))
        }
        return FulfilmentReport.UnmetByReason(
            interpreter: breakdown([.interpreter], hidden: margin.interpreter),
            officer: breakdown([.officer], hidden: margin.officer),
            both: breakdown(Role.allCases, hidden: margin.both))
    }

    func unheld() -> FulfilmentReport.Unheld {
        var byReason: [String: Int] = [:]
        var deadline = 0
        var count = 0
        for input in inputs {
            for entry in input.plan.unscheduled {
                count += 1
                byReason[entry.reason.code.rawValue, default: 0] += 1
                if entry.deadlineInHorizon { deadline += 1 }
            }
        }
        return FulfilmentReport.Unheld(hearings: count, deadlineInHorizon: deadline, byReason: byReason)
    }

    func deadlineForced(bothShown: Bool) -> Disclosed<FulfilmentReport.DeadlineForced> {
        guard bothShown else { return .suppressed }
        var forced = 0
        var withUnmet = 0
        for record in held where waitClass(of: record.assignment) == .unmet {
            withUnmet += 1
            if let latest = record.hearing?.latest, let end = record.horizonEnd, latest <= end { forced += 1 }
        }
        return .shown(FulfilmentReport.DeadlineForced(hearings: forced, heldWithUnmetPreference: withUnmet))
    }

    // MARK: Supply and workload

    /// Per language of the queue: requests (each hearing once, from the last roster that lists it)
    /// and the available day parts of interpreters of each sex who speak it, as each roster says
    /// (each person's day part once).
    func interpreterSupply() -> [FulfilmentReport.LanguageSupply] {
        var hearings: [String: Hearing] = [:]
        // language -> sex -> person -> available day parts
        var available: [String: [Gender: [String: Set<SlotName>]]] = [:]
        for entry in periods {
            guard let roster = entry.input.roster else { continue }
            for hearing in roster.hearings { hearings[hearing.id] = hearing }
            let calendar = WorkCalendar(roster.horizon)
            for interpreter in roster.interpreters {
                let slots = interpreter.available.filter { calendar.slotIndex(of: $0) != nil }
                guard !slots.isEmpty else { continue }
                for language in Set(interpreter.languages.map(\.code)) {
                    available[language, default: [:]][interpreter.gender, default: [:]][interpreter.id, default: []].formUnion(slots)
                }
            }
        }
        let languages = Set(hearings.values.map(\.language)).sorted()
        return languages.map { language in
            func side(_ sex: GenderPreference) -> FulfilmentReport.SexSupply {
                let asking = hearings.values.filter { $0.language == language && $0.interpreterGender == sex }
                let gender: Gender = sex == .female ? .female : .male
                let people = available[language]?[gender] ?? [:]
                let supply = FulfilmentReport.Supply(interpreters: people.count, dayParts: people.values.reduce(0) { $0 + $1.count })
                let demand: Disclosed<FulfilmentReport.Demand> = asking.count < minCell ? .suppressed
                    : .shown(FulfilmentReport.Demand(requests: asking.count, dayParts: asking.reduce(0) { $0 + $1.durationSlots }))
                return FulfilmentReport.SexSupply(demand: demand, supply: supply)
            }
            return FulfilmentReport.LanguageSupply(language: language, female: side(.female), male: side(.male))
        }
    }

    func workload() -> FulfilmentReport.Workload {
        func spread(_ role: Role) -> FulfilmentReport.Spread {
            var counts: [String: Int] = [:]
            for entry in periods {
                guard let roster = entry.input.roster else { continue }
                let calendar = WorkCalendar(roster.horizon)
                let people: [(String, [SlotName])] = role == .interpreter
                    ? roster.interpreters.map { ($0.id, $0.available) } : roster.officers.map { ($0.id, $0.available) }
                for (id, slots) in people where slots.contains(where: { calendar.slotIndex(of: $0) != nil }) {
                    counts[id, default: 0] += 0
                }
            }
            for record in held {
                counts[role == .interpreter ? record.assignment.interpreter : record.assignment.officer, default: 0] += 1
            }
            let values = Array(counts.values)
            var histogram = Array(repeating: 0, count: (values.max() ?? -1) + 1)
            for value in values { histogram[value] += 1 }
            return FulfilmentReport.Spread(
                people: values.count, hearings: values.reduce(0, +), min: values.min(),
                median: Statistics.median(values), max: values.max(), gini: Statistics.gini(values).map(ReportNumber.fraction),
                peopleByHearings: histogram)
        }
        return FulfilmentReport.Workload(interpreter: spread(.interpreter), officer: spread(.officer))
    }
}

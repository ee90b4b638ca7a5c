import PlannerModel

/// A quick feasible plan, given to the solver as its first incumbent: hearings in order of their
/// best possible score, each taking its best option that still keeps every hard rule.
///
/// It is only a starting point; the solver proves or improves on it. Fixed hearings go first,
/// but a start that cannot place them all is still offered (the solver then rejects it).
struct GreedyStart {
    let index: ProblemIndex
    let model: ModelBuilder.Model

    private struct GroupStart: Hashable {
        let location: String
        let slot: Int
        let duration: Int
    }

    func solution() -> [Double] {
        let roster = index.roster
        var values = Array(repeating: 0.0, count: model.columns.count)
        var interpreterBusy = Set<Int>()  // person * slotCount + slot
        var officerBusy = Set<Int>()
        var interpreterWeek: [String: Int] = [:]
        var officerWeek: [String: Int] = [:]
        var siteOfDay: [Int: String] = [:]  // interpreter * days + day -> location
        var roomsUsed: [String: Int] = [:]  // "location@slot"
        var sentTo: [GroupStart: [Int]] = [:]
        let slotCount = index.calendar.slotCount
        let parts = index.calendar.partsPerDay

        func bestScore(_ h: Int) -> Double {
            index.starts[h].map { start in
                start.dayTerm + (start.interpreters.map(\.term).max() ?? 0) + (start.officers.map(\.term).max() ?? 0)
            }.max() ?? -.infinity
        }
        let order = roster.hearings.indices.sorted { a, b in
            let fixedA = roster.hearings[a].fixed != nil
            let fixedB = roster.hearings[b].fixed != nil
            if fixedA != fixedB { return fixedA }
            return (bestScore(a), b) > (bestScore(b), a)
        }
        for h in order {
            let hearing = roster.hearings[h]
            var best: (score: Double, start: Int, interpreter: Int, officer: Int)?
            for (s, start) in index.starts[h].enumerated() {
                if let rooms = index.locationRooms[hearing.location] ?? nil,
                   start.slots.contains(where: { roomsUsed["\(hearing.location)@\($0)", default: 0] >= rooms })
                { continue }
                let week = start.day.isoWeek.description
                let day = start.slot / parts
                var bestInterpreter: (Int, Double)?
                for (k, option) in start.interpreters.enumerated() {
                    let person = roster.interpreters[option.person]
                    if start.slots.contains(where: { interpreterBusy.contains(option.person * slotCount + $0) }) { continue }
                    if let cap = person.maxHearingsPerWeek, interpreterWeek["\(option.person)@\(week)", default: 0] >= cap { continue }
                    if option.mode == .onsite, let site = siteOfDay[option.person * 10_000 + day], site != hearing.location { continue }
                    if bestInterpreter == nil || option.term > bestInterpreter!.1 { bestInterpreter = (k, option.term) }
                }
                var bestOfficer: (Int, Double)?
                for (k, option) in start.officers.enumerated() {
                    let person = roster.officers[option.person]
                    if start.slots.contains(where: { officerBusy.contains(option.person * slotCount + $0) }) { continue }
                    if let cap = person.maxHearingsPerWeek, officerWeek["\(option.person)@\(week)", default: 0] >= cap { continue }
                    if bestOfficer == nil || option.term > bestOfficer!.1 { bestOfficer = (k, option.term) }
                }
                guard let (i, interpreterTerm) = bestInterpreter, let (o, officerTerm) = bestOfficer else { continue }
                let score = start.dayTerm + interpreterTerm + officerTerm
                if best == nil || score > best!.score { best = (score, s, i, o) }
            }
            guard let best, best.score > 0 || hearing.fixed != nil else { continue }
            let start = index.starts[h][best.start]
            let interpreter = start.interpreters[best.interpreter]
            let officer = start.officers[best.officer]
            values[model.interpreterColumns[h][best.start].lowerBound + best.interpreter] = 1
            if model.isPooled[h] {
                let metColumn = model.officerColumns[h][best.start].first { model.columns[$0] == .officerOutcome(hearing: h, start: best.start, met: true) }
                let anyColumn = model.officerColumns[h][best.start].first { model.columns[$0] == .officerOutcome(hearing: h, start: best.start, met: false) }
                let isMet = hearing.officerGender?.isMet(by: roster.officers[officer.person].gender) ?? false
                if let column = (isMet ? metColumn : nil) ?? anyColumn { values[column] = 1 }
                sentTo[GroupStart(location: hearing.location, slot: start.slot, duration: start.duration), default: []].append(officer.person)
            } else {
                values[model.officerColumns[h][best.start].lowerBound + best.officer] = 1
            }
            let week = start.day.isoWeek.description
            for t in start.slots {
                interpreterBusy.insert(interpreter.person * slotCount + t)
                officerBusy.insert(officer.person * slotCount + t)
                roomsUsed["\(hearing.location)@\(t)", default: 0] += 1
            }
            interpreterWeek["\(interpreter.person)@\(week)", default: 0] += 1
            officerWeek["\(officer.person)@\(week)", default: 0] += 1
            if interpreter.mode == .onsite { siteOfDay[interpreter.person * 10_000 + start.slot / parts] = hearing.location }
        }
        // Site columns: the location each interpreter works on site that day, where modelled.
        for (column, meaning) in model.columns.enumerated() {
            if case .site(let person, let day, let location) = meaning, siteOfDay[person * 10_000 + day] == location {
                values[column] = 1
            }
        }
        // Officers sent to pools: those the greedy plan gave hearings of that group.
        for group in model.officerGroups {
            let chosen = Set(sentTo[GroupStart(location: group.location, slot: group.slot, duration: group.duration)] ?? [])
            for sent in group.sent where chosen.contains(sent.officer) { values[sent.column] = 1 }
        }
        return values
    }
}

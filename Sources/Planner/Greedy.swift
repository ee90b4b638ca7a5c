import PlannerModel

/// A quick feasible plan, given to the solver as its first incumbent: hearings in order of their
/// best possible score, each taking its best option that still keeps every hard rule.
///
/// It is only a starting point; the solver proves or improves on it. Fixed hearings go first,
/// but a start that cannot place them all is still offered (the solver then rejects it).
struct GreedyStart {
    let index: ProblemIndex

    /// The greedy plan's hearings, in the order they were placed.
    func choices() -> [PlanAssembler.Choice] {
        let roster = index.roster
        var interpreterBusy = Set<Int>()  // person * slotCount + slot
        var officerBusy = Set<Int>()
        var interpreterWeek: [String: Int] = [:]
        var officerWeek: [String: Int] = [:]
        var siteOfDay: [Int: String] = [:]  // interpreter * 10_000 + day -> location
        var roomsUsed: [String: Int] = [:]  // "location@slot"
        var result: [PlanAssembler.Choice] = []
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
            result.append(.init(hearing: h, startIndex: best.start, start: start, interpreter: interpreter, mode: interpreter.mode, officer: officer))
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
        return result
    }
}

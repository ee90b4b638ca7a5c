import PlannerModel

extension ModelBuilder.Model {
    /// The columns that say which hearing is held where (and with what outcome).
    var decisionColumns: Set<Int> {
        Set(heldColumns.joined().joined()).union(officerColumns.joined().joined()).union(keepColumns.values)
    }

    /// The program's point for a plan given as choices (which must keep every hard rule): the
    /// other direction of the exactness argument of the pools, and the greedy start's values.
    /// Choices the program cannot express (an interpreter or officer it has no column for) are
    /// left out, so the point stays feasible with fewer hearings held.
    ///
    /// Re-planning: the hearings in `kept` hold their baseline placement, through their keep
    /// column or, when held outside the program (`fixedKeeps`), through its constant part.
    /// Small programs: `taken` is the builder's, whose on-site days choose sites too.
    func values(
        for choices: [PlanAssembler.Choice], index: ProblemIndex, kept: Set<Int> = [], taken: Occupancy? = nil
    ) -> [Double] {
        let roster = index.roster
        let parts = index.calendar.partsPerDay
        var values = Array(repeating: 0.0, count: columns.count)
        var interpreterGroupNumber: [InterpreterPools.GroupKey: Int] = [:]
        for (number, group) in interpreterGroups.enumerated() {
            let key = InterpreterPools.GroupKey(
                location: group.location, slot: group.slot, duration: group.duration, language: group.language)
            interpreterGroupNumber[key] = number
        }
        var officerGroupNumber: [OfficerPools.GroupKey: Int] = [:]
        for (number, group) in officerGroups.enumerated() {
            officerGroupNumber[.init(location: group.location, slot: group.slot, duration: group.duration)] = number
        }
        var siteOfDay: [PersonDay: String] = [:]  // where each interpreter works on site that day
        for choice in choices {
            let h = choice.hearing
            let s = choice.startIndex
            let hearing = roster.hearings[h]
            let day = choice.start.slot / parts
            var interpreterPicks: [Int] = []
            var isOnsite = false
            if kept.contains(h), fixedKeeps.contains(h) || keepColumns[h] != nil {
                if let column = keepColumns[h] { values[column] = 1 }
                if choice.mode == .onsite { siteOfDay[PersonDay(person: choice.interpreter.person, day: day)] = hearing.location }
                continue
            }
            if isInterpreterPooled[h] {
                let kind = InterpreterGroup.Kind(
                    gender: roster.interpreters[choice.interpreter.person].gender,
                    registered: choice.interpreter.registered, onsite: choice.mode == .onsite)
                let outcome = heldColumns[h][s].filter { column in
                    guard let outcome = interpreterOutcomes[column] else { return false }
                    return outcome.language == choice.interpreter.language && kind.accepts(outcome.requirement)
                }.max { objective[$0] < objective[$1] }
                let key = InterpreterPools.GroupKey(
                    location: hearing.location, slot: choice.start.slot, duration: choice.start.duration,
                    language: choice.interpreter.language)
                let sent = interpreterGroupNumber[key].flatMap { number in
                    interpreterGroups[number].sent.filter { $0.interpreter == choice.interpreter.person }
                        .max { ($0.kind.onsite == kind.onsite ? 1 : 0) < ($1.kind.onsite == kind.onsite ? 1 : 0) }
                }
                guard let outcome, let sent else { continue }
                interpreterPicks = [outcome, sent.column]
                isOnsite = sent.kind.onsite
            } else {
                let options = index.starts[h][s].interpreters
                guard let k = options.firstIndex(where: { $0.person == choice.interpreter.person }) else { continue }
                interpreterPicks = [heldColumns[h][s].lowerBound + k]
                isOnsite = options[k].mode == .onsite
            }
            var officerPicks: [Int] = []
            let officerGender = roster.officers[choice.officer.person].gender
            if isOfficerPooled[h] {
                let isMet = hearing.officerGender?.isMet(by: officerGender) ?? false
                let outcome = officerOutcomeColumns(h, s, met: true).filter { _ in isMet } + officerOutcomeColumns(h, s, met: false)
                let number = officerGroupNumber[.init(location: hearing.location, slot: choice.start.slot, duration: choice.start.duration)]
                let sent = number.flatMap { officerGroups[$0].sent.first { $0.officer == choice.officer.person } }
                guard let sent else { continue }
                officerPicks = Array(outcome.prefix(1)) + [sent.column]
            } else {
                let options = index.starts[h][s].officers
                guard let k = options.firstIndex(where: { $0.person == choice.officer.person }) else { continue }
                officerPicks = [officerColumns[h][s].lowerBound + k]
            }
            for column in interpreterPicks + officerPicks { values[column] = 1 }
            if isOnsite { siteOfDay[PersonDay(person: choice.interpreter.person, day: day)] = hearing.location }
        }
        for (column, meaning) in columns.enumerated() {
            guard case .site(let person, let day, let location) = meaning else { continue }
            // Where the interpreter works on site that day: by the choices, or outside the program.
            if siteOfDay[PersonDay(person: person, day: day)] == location
                || taken?.onsitePlacements(of: person, day: day).contains(where: { roster.hearings[$0.hearing].location == location }) == true
            {
                values[column] = 1
            }
        }
        return values
    }

    private func officerOutcomeColumns(_ h: Int, _ s: Int, met: Bool) -> [Int] {
        officerColumns[h][s].filter { columns[$0] == .officerOutcome(hearing: h, start: s, met: met) }
    }
}

extension ModelBuilder.Column {
    /// The hearing the column belongs to; nil for a column of several hearings (an interpreter or
    /// officer sent to a group of hearings, an interpreter's site for a day).
    var hearing: Int? {
        switch self {
        case .interpreter(let h, _, _), .officer(let h, _, _), .officerOutcome(let h, _, _),
             .interpreterOutcome(let h, _, _), .keep(let h):
            h
        case .site, .officerSent, .interpreterSent:
            nil
        }
    }
}

import Foundation

/// The checks of a roster that need more than one field at a time (formats.md), for JSON and
/// CSV alike: each problem is logged against the field path of the roster model.
struct RosterValidator {
    let roster: Roster
    let incompleteIDs: Set<String>
    /// False when the horizon itself had errors: checks against it are then left out.
    let isHorizonUsable: Bool
    let calendar: WorkCalendar

    init(roster: Roster, incompleteIDs: Set<String>, isHorizonUsable: Bool = true) {
        self.roster = roster
        self.incompleteIDs = incompleteIDs
        self.isHorizonUsable = isHorizonUsable
        calendar = WorkCalendar(roster.horizon)
    }

    func validate(into log: inout DiagnosticLog) {
        if isHorizonUsable { checkHorizon(&log) }
        let locationIDs = uniqueIDs(roster.locations.map(\.id), list: "locations", noun: "location", &log)
        let interpreterIDs = uniqueIDs(roster.interpreters.map(\.id), list: "interpreters", noun: "interpreter", &log)
        let officerIDs = uniqueIDs(roster.officers.map(\.id), list: "officers", noun: "officer", &log)
        _ = uniqueIDs(roster.hearings.map(\.id), list: "hearings", noun: "hearing", &log)
        for (index, officer) in roster.officers.enumerated() where interpreterIDs.contains(officer.id) {
            log.error(.root / "officers" / index / "id",
                      "\"\(officer.id)\" is also an interpreter's id; a person's id must name one person only")
        }
        let known = KnownIDs(
            locations: locationIDs, interpreters: interpreterIDs, officers: officerIDs, incomplete: incompleteIDs)
        checkLocations(&log)
        checkInterpreters(known, &log)
        checkOfficers(known, &log)
        checkHearings(known, &log)
        checkTrainingSpellings(&log)
        if isHorizonUsable {
            FixedChecker(roster: roster, calendar: calendar, incompleteIDs: incompleteIDs).check(&log)
        }
    }

    struct KnownIDs {
        let locations: Set<String>
        let interpreters: Set<String>
        let officers: Set<String>
        let incomplete: Set<String>

        /// True when `id` is known or belongs to an item whose own errors were reported already.
        func accepts(_ id: String, in set: Set<String>) -> Bool { set.contains(id) || incomplete.contains(id) }
    }

    // MARK: Horizon

    private func checkHorizon(_ log: inout DiagnosticLog) {
        let horizon = roster.horizon
        let path = FieldPath.root / "horizon"
        if horizon.start > horizon.end {
            log.error(path / "end", "the horizon ends (\(horizon.end)) before it starts (\(horizon.start))")
        } else if horizon.end.ordinal - horizon.start.ordinal > 366 {
            log.error(path / "end", "the horizon is longer than a year; plan at most a few weeks at a time")
        } else if calendar.workingDays.isEmpty {
            log.warning(path, "the horizon has no working day: nothing can be planned")
        }
        if horizon.slots.isEmpty {
            log.error(path / "slots", "must name at least one day part, such as [\"AM\", \"PM\"]")
        }
        var seenParts = Set<String>()
        for (index, part) in horizon.slots.enumerated() {
            if !seenParts.insert(part).inserted {
                log.error(path / "slots" / index, "the day part \"\(part)\" is listed twice")
            }
            if part.contains("/") || part.contains(";") || part.trimmingSpaces.isEmpty {
                log.error(path / "slots" / index, "a day part name may not be empty or contain '/' or ';'")
            }
            if let times = horizon.slotTimes[part] {
                if times.start >= times.end {
                    log.error(path / "slotTimes" / part, "the day part \"\(part)\" must end after it starts")
                }
            } else {
                log.error(path / "slotTimes",
                          "the day part \"\(part)\" has no times; give them as \"\(part)\": [\"HH:MM\", \"HH:MM\"]")
            }
        }
        for (earlier, later) in zip(horizon.slots, horizon.slots.dropFirst()) {
            if let a = horizon.slotTimes[earlier], let b = horizon.slotTimes[later], a.end > b.start {
                log.error(path / "slotTimes" / later, "the day part \"\(later)\" starts before \"\(earlier)\" ends")
            }
        }
        for (part, _) in horizon.slotTimes where !seenParts.contains(part) && Horizon.defaultSlotTimes[part] == nil {
            log.warning(path / "slotTimes" / part, "\"\(part)\" is not one of the horizon's day parts and is ignored")
        }
        if TimeZone(identifier: horizon.timeZone) == nil {
            log.error(path / "timeZone", "\"\(horizon.timeZone)\" is not a known time zone, such as \"Europe/Amsterdam\"")
        }
        var seenHolidays = Set<Day>()
        for (index, day) in horizon.holidays.enumerated() where !seenHolidays.insert(day).inserted {
            log.warning(path / "holidays" / index, "the holiday \(day) is listed twice")
        }
    }

    // MARK: Ids

    private func uniqueIDs(
        _ ids: [String], list: String, noun: String, _ log: inout DiagnosticLog
    ) -> Set<String> {
        var firstIndex: [String: Int] = [:]
        var byFoldedCase: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            if let invisible = Self.invisibleCharacter(in: id) {
                log.error(.root / list / index / "id", "the \(noun) id contains an invisible character (\(invisible)); ids must be told apart by eye, so remove it")
            }
            if let first = firstIndex[id] {
                log.error(.root / list / index / "id", "the \(noun) id \"\(id)\" is used already by \(list)[\(first)]")
            } else {
                firstIndex[id] = index
                let folded = id.lowercased()
                if let other = byFoldedCase[folded] {
                    log.warning(.root / list / index / "id", "the \(noun) id \"\(id)\" differs from \(list)[\(other)] only in upper and lower case; people reading the plan may take them for one")
                } else {
                    byFoldedCase[folded] = index
                }
            }
        }
        return Set(firstIndex.keys)
    }

    /// The first control or format character of `id` (a zero-width space, a direction mark, a byte
    /// order mark, a line break) as U+XXXX, or nil: such ids look alike on screen and on paper.
    static func invisibleCharacter(in id: String) -> String? {
        guard let scalar = id.unicodeScalars.first(where: {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
        }) else { return nil }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    // MARK: Items

    private func checkLocations(_ log: inout DiagnosticLog) {
        for (index, location) in roster.locations.enumerated() where location.rooms == nil {
            log.warning(.root / "locations" / index / "rooms",
                        "no number of rooms is given for \"\(location.id)\": the planner assumes no room limit")
        }
    }

    private func checkAvailability(_ slots: [SlotName], at path: FieldPath, _ log: inout DiagnosticLog) {
        guard isHorizonUsable else { return }
        var seen = Set<SlotName>()
        for (index, slot) in slots.enumerated() {
            let slotPath = path / index
            if slot.date < roster.horizon.start || slot.date > roster.horizon.end {
                log.error(slotPath, "\(slot) is outside the horizon \(roster.horizon.start)..\(roster.horizon.end)")
            } else if !calendar.isWorkingDay(slot.date) {
                log.error(slotPath, "\(slot) is on a \(slot.date.isWeekend ? "weekend day" : "holiday"), not a working day")
            } else if calendar.partIndex(of: slot.part) == nil {
                let parts = roster.horizon.slots.joined(separator: ", ")
                log.error(slotPath, "\"\(slot.part)\" in \(slot) is not a day part of the horizon (\(parts))")
            } else if !seen.insert(slot).inserted {
                log.warning(slotPath, "\(slot) is listed twice")
            }
        }
    }

    private func checkCap(_ cap: Int?, at path: FieldPath, _ log: inout DiagnosticLog) {
        if cap == 0 { log.warning(path, "a weekly maximum of 0 means this person is never planned") }
    }

    private func checkInterpreters(_ known: KnownIDs, _ log: inout DiagnosticLog) {
        for (index, interpreter) in roster.interpreters.enumerated() {
            let path = FieldPath.root / "interpreters" / index
            if interpreter.languages.isEmpty {
                log.error(path / "languages", "an interpreter must speak at least one language")
            }
            var codes = Set<String>()
            for (languageIndex, skill) in interpreter.languages.enumerated() {
                if !codes.insert(skill.code).inserted {
                    log.error(path / "languages" / languageIndex, "the language \"\(skill.code)\" is listed twice")
                }
                checkLanguageCode(skill.code, at: path / "languages" / languageIndex / "code", &log)
            }
            for (locationIndex, location) in interpreter.onsiteLocations.enumerated()
            where !known.accepts(location, in: known.locations) {
                log.error(path / "onsiteLocations" / locationIndex, "there is no location \"\(location)\"")
            }
            if interpreter.onsiteLocations.isEmpty && !interpreter.remote {
                log.warning(path, "\(interpreter.id) works neither on site nor remotely, so can never be planned")
            }
            checkAvailability(interpreter.available, at: path / "available", &log)
            checkCap(interpreter.maxHearingsPerWeek, at: path / "maxHearingsPerWeek", &log)
        }
    }

    private func checkOfficers(_ known: KnownIDs, _ log: inout DiagnosticLog) {
        for (index, officer) in roster.officers.enumerated() {
            let path = FieldPath.root / "officers" / index
            if !known.accepts(officer.location, in: known.locations) {
                log.error(path / "location", "there is no location \"\(officer.location)\"")
            }
            checkAvailability(officer.available, at: path / "available", &log)
            checkCap(officer.maxHearingsPerWeek, at: path / "maxHearingsPerWeek", &log)
        }
    }

    private func checkLanguageCode(_ code: String, at path: FieldPath, _ log: inout DiagnosticLog) {
        let isISO6393 = code.count == 3 && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }
        if !isISO6393 {
            log.warning(path, "\"\(code)\" does not look like an ISO 639-3 code (three lower-case letters, such as \"tir\")")
        }
    }

    private func checkHearings(_ known: KnownIDs, _ log: inout DiagnosticLog) {
        let spoken = Set(roster.interpreters.flatMap { $0.languages.map(\.code) })
        let trainings = Set(roster.officers.flatMap(\.trainings))
        let partsPerDay = roster.horizon.slots.count
        for (index, hearing) in roster.hearings.enumerated() {
            let path = FieldPath.root / "hearings" / index
            if !known.accepts(hearing.location, in: known.locations) {
                log.error(path / "location", "there is no location \"\(hearing.location)\"")
            }
            if hearing.earliest > hearing.latest {
                log.error(path / "latest",
                          "the latest date \(hearing.latest) is before the earliest date \(hearing.earliest)")
            } else if hearing.earliest > roster.horizon.end {
                log.warning(path / "earliest",
                            "\(hearing.id) may not be held before \(hearing.earliest), after the horizon ends")
            }
            if partsPerDay > 0 && hearing.durationSlots > partsPerDay {
                log.error(path / "durationSlots",
                          "a hearing of \(hearing.durationSlots) day parts does not fit in a day of \(partsPerDay)")
            }
            checkLanguageCode(hearing.language, at: path / "language", &log)
            if !spoken.contains(hearing.language) {
                log.warning(path / "language", "no interpreter speaks \"\(hearing.language)\"")
            }
            for (fallbackIndex, fallback) in hearing.fallbackLanguages.enumerated() {
                if fallback == hearing.language {
                    log.warning(path / "fallbackLanguages" / fallbackIndex,
                                "\"\(fallback)\" is the hearing's own language; a fallback must be another language")
                } else if !spoken.contains(fallback) {
                    log.warning(path / "fallbackLanguages" / fallbackIndex, "no interpreter speaks \"\(fallback)\"")
                }
            }
            for (trainingIndex, training) in hearing.requiredTrainings.enumerated() where !trainings.contains(training) {
                log.warning(path / "requiredTrainings" / trainingIndex,
                            "no officer holds the training \"\(training)\", so this hearing cannot be held")
            }
            for (personIndex, person) in hearing.excludedInterpreters.enumerated()
            where !known.accepts(person, in: known.interpreters) {
                log.error(path / "excludedInterpreters" / personIndex, "there is no interpreter \"\(person)\"")
            }
            for (personIndex, person) in hearing.excludedOfficers.enumerated()
            where !known.accepts(person, in: known.officers) {
                log.error(path / "excludedOfficers" / personIndex, "there is no officer \"\(person)\"")
            }
        }
    }

    /// Trainings that differ only in case, spaces, hyphens or underscores are likely one training
    /// spelled two ways; the planner would treat them as different.
    private func checkTrainingSpellings(_ log: inout DiagnosticLog) {
        var spellings: [String: String] = [:]
        var warned = Set<String>()
        func normalised(_ text: String) -> String {
            String(text.lowercased().filter { $0.isLetter || $0.isNumber })
        }
        func note(_ training: String, at path: FieldPath, _ log: inout DiagnosticLog) {
            let key = normalised(training)
            if let first = spellings[key] {
                if first != training && warned.insert(training).inserted {
                    log.warning(path, "the training \"\(training)\" is also spelled \"\(first)\"; the planner treats them as different")
                }
            } else {
                spellings[key] = training
            }
        }
        for (index, officer) in roster.officers.enumerated() {
            for (trainingIndex, training) in officer.trainings.enumerated() {
                note(training, at: .root / "officers" / index / "trainings" / trainingIndex, &log)
            }
        }
        for (index, hearing) in roster.hearings.enumerated() {
            for (trainingIndex, training) in hearing.requiredTrainings.enumerated() {
                note(training, at: .root / "hearings" / index / "requiredTrainings" / trainingIndex, &log)
            }
        }
    }
}

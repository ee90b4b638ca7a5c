/// Turns the files of a CSV folder into a `Roster`, logging every problem at its cell.
///
/// As with JSON, a row with an error is left out of the roster and its id remembered. When a
/// required file is missing or cannot be read as a table with its required columns, no roster is
/// built: checking references against a list that could not be read would only repeat that error.
struct RosterCSVDecoder {
    let files: [String: [UInt8]]
    private(set) var cells = CellReader()
    private(set) var incompleteIDs = Set<String>()
    private(set) var places = CSVPlaces()
    private var hasEveryRequiredFile = true
    /// Lists whose file was read with all its required columns, so that their ids are all known.
    private var readLists = Set<String>()

    init(files: [String: [UInt8]]) {
        self.files = files
    }

    mutating func decode() -> Roster? {
        reportUnknownFiles()
        let horizon = decodeHorizon()
        let policy = decodePolicy()
        let locations = items("locations", CSVLayout.locations, Self.location)
        let hearings = items("hearings", CSVLayout.hearings, Self.hearing)
        var interpreters = items("interpreters", CSVLayout.interpreters, Self.interpreter)
        var officers = items("officers", CSVLayout.officers, Self.officer)
        let availability = decodeAvailability(knownPeople: interpreters.map(\.item.id) + officers.map(\.item.id))
        attach(availability, to: &interpreters, list: "interpreters")
        attach(availability, to: &officers, list: "officers")

        record(locations, as: "locations", CSVLayout.locations)
        record(hearings, as: "hearings", CSVLayout.hearings)
        record(interpreters, as: "interpreters", CSVLayout.interpreters)
        record(officers, as: "officers", CSVLayout.officers)
        guard let horizon, hasEveryRequiredFile else { return nil }
        return Roster(
            horizon: horizon, policy: policy, locations: locations.map(\.item), hearings: hearings.map(\.item),
            interpreters: interpreters.map(\.item), officers: officers.map(\.item))
    }

    // MARK: Files and tables

    /// A `.csv` file that is not part of a roster is an error, so that a misspelt `policy.csv`
    /// does not silently leave the default weights in force. Other files are not looked at.
    private mutating func reportUnknownFiles() {
        let known = Set(RosterCSV.fileNames.required + RosterCSV.fileNames.optional)
        for name in files.keys.sorted() where name.lowercased().hasSuffix(".csv") && !known.contains(name) {
            cells.log.error(
                .csv(name),
                "this file is not part of a roster folder\(FieldReader.suggestion(for: name, among: known)); the files are \(Self.fileList)")
        }
    }

    private static let fileList = (RosterCSV.fileNames.required + RosterCSV.fileNames.optional).joined(separator: ", ")

    private mutating func table(_ layout: FileLayout) -> CSVTable? {
        let isRequired = RosterCSV.fileNames.required.contains(layout.name)
        guard let bytes = files[layout.name] else {
            if isRequired {
                cells.log.error(.csv(layout.name), "this file is missing; a roster folder needs \(RosterCSV.fileNames.required.joined(separator: ", "))")
                hasEveryRequiredFile = false
            }
            return nil
        }
        let table = CSVTable.parse(bytes, file: layout.name, log: &cells.log)
        if table == nil && isRequired { hasEveryRequiredFile = false }
        return table
    }

    /// The rows of a file whose header has every required column; logs the header's problems.
    private mutating func rows(_ layout: FileLayout, of table: CSVTable) -> [CSVRow]? {
        let (rows, hasRequiredColumns) = table.rows(layout, log: &cells.log)
        guard hasRequiredColumns else {
            if RosterCSV.fileNames.required.contains(layout.name) { hasEveryRequiredFile = false }
            for row in rows where !row["id"].isEmpty { incompleteIDs.insert(row["id"]) }
            return nil
        }
        return rows
    }

    // MARK: Lists

    /// Decodes each row of a list file; a row with an error is left out and its id remembered.
    private mutating func items<Item>(
        _ list: String, _ layout: FileLayout, _ decode: (inout CellReader, CSVRow) -> Item?
    ) -> [(item: Item, row: CSVRow)] {
        guard let table = table(layout), let rows = rows(layout, of: table) else { return [] }
        readLists.insert(list)
        var result: [(item: Item, row: CSVRow)] = []
        for row in rows {
            let problemsBefore = cells.log.entries.count
            cells.reportStrayCells(row)
            if let item = decode(&cells, row), cells.log.entries.count == problemsBefore {
                result.append((item, row))
            } else if !row["id"].isEmpty {
                incompleteIDs.insert(row["id"])
            }
        }
        return result
    }

    private mutating func record<Item>(_ items: [(item: Item, row: CSVRow)], as list: String, _ layout: FileLayout) {
        var rows = CSVPlaces.ListRows(file: layout.name)
        rows.lines = items.map(\.row.line)
        rows.columns = (items.first?.row.columns ?? [:]).mapValues { $0 + 1 }
        places.lists[list] = rows
    }

    private static func location(_ c: inout CellReader, _ row: CSVRow) -> Location? {
        let id = c.required(row, "id", .text)
        let name = c.optional(row, "name", .text)
        let rooms = c.optional(row, "rooms", .count)
        guard let id, let name, let rooms else { return nil }
        return Location(id: id, name: name, rooms: rooms)
    }

    private static func hearing(_ c: inout CellReader, _ row: CSVRow) -> Hearing? {
        let id = c.required(row, "id", .text)
        let kind = c.optional(row, "kind", .text)
        let language = c.required(row, "language", .text)
        let fallback = c.optional(row, "fallbackLanguages", .list)
        let location = c.required(row, "location", .text)
        let duration = c.optional(row, "durationSlots", .positive)
        let earliest = c.required(row, "earliest", .day)
        let latest = c.required(row, "latest", .day)
        let interpreterGender = c.optional(row, "interpreterGender", .choice(GenderPreference.self))
        let officerGender = c.optional(row, "officerGender", .choice(GenderPreference.self))
        let priority = c.optional(row, "priority", .choice(Priority.self))
        let trainings = c.optional(row, "requiredTrainings", .list)
        let remoteAllowed = c.optional(row, "remoteInterpreterAllowed", .flag)
        let excludedInterpreters = c.optional(row, "excludedInterpreters", .list)
        let excludedOfficers = c.optional(row, "excludedOfficers", .list)
        let fixed = fixedAssignment(&c, row)
        guard let id, let kind, let language, let fallback, let location, let duration, let earliest,
              let latest, let interpreterGender, let officerGender, let priority, let trainings,
              let remoteAllowed, let excludedInterpreters, let excludedOfficers, let fixed
        else { return nil }
        return Hearing(
            id: id, kind: kind, language: language, fallbackLanguages: fallback ?? [], location: location,
            durationSlots: duration ?? 1, earliest: earliest, latest: latest,
            interpreterGender: interpreterGender, officerGender: officerGender,
            priority: priority ?? .standard, requiredTrainings: trainings ?? [],
            remoteInterpreterAllowed: remoteAllowed ?? true, excludedInterpreters: excludedInterpreters ?? [],
            excludedOfficers: excludedOfficers ?? [], fixed: fixed)
    }

    /// `.some(nil)` when all four fixed... cells are empty; a date and a slot are needed otherwise.
    private static func fixedAssignment(_ c: inout CellReader, _ row: CSVRow) -> FixedAssignment?? {
        let columns = ["fixedDate", "fixedSlot", "fixedInterpreter", "fixedOfficer"]
        guard columns.contains(where: { !row[$0].isEmpty }) else { return .some(nil) }
        let date = requiredWhenFixed(&c, row, "fixedDate", .day)
        let slot = requiredWhenFixed(&c, row, "fixedSlot", .text)
        let interpreter = c.optional(row, "fixedInterpreter", .text)
        let officer = c.optional(row, "fixedOfficer", .text)
        guard let date, let slot, let interpreter, let officer else { return nil }
        return .some(FixedAssignment(date: date, slot: slot, interpreter: interpreter, officer: officer))
    }

    private static func requiredWhenFixed<Value>(
        _ c: inout CellReader, _ row: CSVRow, _ column: String, _ parser: CellParser<Value>
    ) -> Value? {
        guard !row[column].isEmpty else {
            c.report(row.place(column), "\(column) is required when the hearing is fixed (a fixed... column is filled in)")
            return nil
        }
        return c.required(row, column, parser)
    }

    private static func interpreter(_ c: inout CellReader, _ row: CSVRow) -> Interpreter? {
        let id = c.required(row, "id", .text)
        let gender = c.required(row, "gender", .choice(Gender.self))
        let languages = c.optional(row, "languages", .languages)
        let onsite = c.optional(row, "onsiteLocations", .list)
        let remote = c.optional(row, "remote", .flag)
        let cap = c.optional(row, "maxHearingsPerWeek", .count)
        guard let id, let gender, let languages, let onsite, let remote, let cap else { return nil }
        return Interpreter(
            id: id, gender: gender, languages: languages ?? [], onsiteLocations: onsite ?? [],
            remote: remote ?? false, maxHearingsPerWeek: cap)
    }

    private static func officer(_ c: inout CellReader, _ row: CSVRow) -> Officer? {
        let id = c.required(row, "id", .text)
        let gender = c.required(row, "gender", .choice(Gender.self))
        let location = c.required(row, "location", .text)
        let trainings = c.optional(row, "trainings", .list)
        let cap = c.optional(row, "maxHearingsPerWeek", .count)
        guard let id, let gender, let location, let trainings, let cap else { return nil }
        return Officer(id: id, gender: gender, location: location, trainings: trainings ?? [], maxHearingsPerWeek: cap)
    }

    // MARK: Availability

    /// The slots of each person in file order, with the cell each came from.
    private struct Availability {
        var slots: [String: [(slot: SlotName, place: CSVPlace)]] = [:]
        /// People with a row that had an error; they are left out like any item with an error.
        var peopleWithErrors = Set<String>()
    }

    private mutating func decodeAvailability(knownPeople: [String]) -> Availability {
        var availability = Availability()
        guard let table = table(CSVLayout.availabilityBySlot) else { return availability }
        let isByDate = table.header.cells.contains { $0 == "date" || $0 == "slots" }
        let layout = isByDate ? CSVLayout.availabilityByDate : CSVLayout.availabilityBySlot
        guard let rows = rows(layout, of: table) else { return availability }
        var rowsByUnknownPerson: [String: [CSVRow]] = [:]
        let known = Set(knownPeople).union(incompleteIDs)
        let canTellUnknown = readLists.contains("interpreters") && readLists.contains("officers")
        for row in rows {
            let problemsBefore = cells.log.entries.count
            cells.reportStrayCells(row)
            let person = cells.required(row, "person", .text)
            var slots: [SlotName]?
            if isByDate {
                let date = cells.required(row, "date", .day)
                let parts = cells.required(row, "slots", .dayParts)
                if let date, let parts { slots = parts.map { SlotName(date: date, part: $0) } }
            } else {
                slots = cells.required(row, "slot", .slot).map { [$0] }
            }
            guard let person else { continue }
            if canTellUnknown && !known.contains(person) {
                rowsByUnknownPerson[person, default: []].append(row)
            } else if let slots, cells.log.entries.count == problemsBefore {
                let place = row.place(isByDate ? "slots" : "slot")
                availability.slots[person, default: []] += slots.map { ($0, place) }
            } else {
                availability.peopleWithErrors.insert(person)
            }
        }
        for (person, personRows) in rowsByUnknownPerson.sorted(by: { $0.value[0].line < $1.value[0].line }) {
            let others = personRows.count - 1
            cells.report(
                personRows[0].place("person"),
                "\"\(person)\" is neither in interpreters.csv nor in officers.csv"
                    + (others > 0 ? " (\(others) more row\(others == 1 ? "" : "s") below name this person too)" : ""))
        }
        return availability
    }

    /// Gives each person their slots; a person with an availability error is left out.
    private mutating func attach<Person: AvailablePerson>(
        _ availability: Availability, to people: inout [(item: Person, row: CSVRow)], list: String
    ) {
        people.removeAll { person in
            let id = person.item.id
            if availability.peopleWithErrors.contains(id) { incompleteIDs.insert(id) }
            return availability.peopleWithErrors.contains(id)
        }
        var slotPlaces: [[CSVPlace]] = []
        for index in people.indices {
            let given = availability.slots[people[index].item.id] ?? []
            people[index].item.available = given.map(\.slot)
            slotPlaces.append(given.map(\.place))
        }
        places.available[list] = slotPlaces
    }

    // MARK: Horizon and policy

    /// The rows of a key,value file by key, after logging unknown and repeated keys.
    private mutating func keyRows(_ layout: FileLayout, as name: String, isKnown: (String) -> Bool) -> [String: CSVRow]? {
        guard let table = table(layout), let rows = rows(layout, of: table) else { return nil }
        var byKey: [String: CSVRow] = [:]
        for row in rows {
            cells.reportStrayCells(row)
            let key = row["key"]
            if key.isEmpty {
                cells.report(row.place("key"), "the key is empty")
            } else if let first = byKey[key] {
                cells.report(row.place("key"), "\"\(key)\" is given twice (also on line \(first.line))")
            } else if isKnown(key) {
                byKey[key] = row
            } else if name == "horizon" && key.hasPrefix("slotTimes") {
                cells.report(row.place("key"), "unknown key \"\(key)\"; name the day part after a dot, such as slotTimes.AM")
            } else {
                let suggestion = FieldReader.suggestion(for: key, among: Set(knownKeys(of: layout)))
                cells.report(row.place("key"), "unknown key \"\(key)\"\(suggestion)")
            }
        }
        places.keyLines[name] = byKey.mapValues(\.line)
        return byKey
    }

    private func knownKeys(of layout: FileLayout) -> [String] {
        layout.name == CSVLayout.policy.name
            ? CSVLayout.policyKeys
            : CSVLayout.horizonKeys + ["slotTimes.AM", "slotTimes.PM"]
    }

    private mutating func decodeHorizon() -> Horizon? {
        let file = CSVLayout.horizon.name
        guard let rows = keyRows(CSVLayout.horizon, as: "horizon", isKnown: { key in
            CSVLayout.horizonKeys.contains(key)
                || (key.hasPrefix(CSVLayout.slotTimesPrefix) && key.count > CSVLayout.slotTimesPrefix.count)
        }) else { return nil }
        func value<Value>(_ key: String, _ parser: CellParser<Value>) -> Value?? {
            guard let row = rows[key] else { return .some(nil) }
            return cells.optional(row["value"], at: row.place("value"), named: key, parser)
        }
        var start: Day?
        var end: Day?
        for key in ["start", "end"] {
            guard let row = rows[key] else {
                cells.log.error(.csv(file), "there is no row for \"\(key)\", which is required")
                continue
            }
            let day = cells.required(row["value"], at: row.place("value"), named: key, .day)
            if key == "start" { start = day } else { end = day }
        }
        let holidays = value("holidays", .days)
        let slots = value("slots", .dayParts)
        let timeZone = value("timeZone", .text)
        var slotTimes: [String: DayPartTimes]? = Horizon.defaultSlotTimes
        for (key, row) in rows.sorted(by: { $0.value.line < $1.value.line })
        where key.hasPrefix(CSVLayout.slotTimesPrefix) {
            switch cells.optional(row["value"], at: row.place("value"), named: key, .times) {
            case .some(.some(let times)): slotTimes?[String(key.dropFirst(CSVLayout.slotTimesPrefix.count))] = times
            case .some(.none): break
            case .none: slotTimes = nil
            }
        }
        guard let start, let end, let holidays, let slots, let slotTimes, let timeZone else { return nil }
        return Horizon(
            start: start, end: end, holidays: holidays ?? [],
            slots: slots.flatMap { $0.isEmpty ? nil : $0 } ?? Horizon.defaultSlots,
            slotTimes: slotTimes, timeZone: timeZone ?? Horizon.defaultTimeZone)
    }

    /// The default policy with the weights of `policy.csv`, when there is one.
    private mutating func decodePolicy() -> Policy {
        var policy = Policy()
        guard files[CSVLayout.policy.name] != nil,
              let rows = keyRows(CSVLayout.policy, as: "policy", isKnown: CSVLayout.policyKeys.contains)
        else { return policy }
        for (key, path) in Policy.numericKeys {
            guard let row = rows[key] else { continue }
            if let weight = cells.optional(row["value"], at: row.place("value"), named: key, .weight(in: Policy.range(of: key))), let weight {
                policy[keyPath: path] = weight
            }
        }
        if let row = rows["maxChanges"],
           let cap = cells.optional(row["value"], at: row.place("value"), named: "maxChanges", .count)
        {
            policy.maxChanges = cap
        }
        return policy
    }
}

/// Interpreters and officers, which both get their slots from `availability.csv`.
protocol AvailablePerson {
    var id: String { get }
    var available: [SlotName] { get set }
}

extension Interpreter: AvailablePerson {}
extension Officer: AvailablePerson {}

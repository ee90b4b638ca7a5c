/// The tables of a roster as a source gives them, before decoding: those it could read, by the
/// layout's file name (`hearings.csv`), and what it logged while reading them.
struct TableInput {
    var style: TableStyle
    var tables: [String: RosterTable] = [:]
    /// Tables that are there but could not be read as tables (their problem is logged already).
    var unreadable = Set<String>()
    /// Other tables of the source: other `.csv` files of a folder, other sheets of a workbook.
    var others: [String] = []
    var log = DiagnosticLog()
}

/// Turns the tables of a roster, from a CSV folder or a workbook, into a `Roster`, logging every
/// problem at its cell.
///
/// As with JSON, a row with an error is left out of the roster and its id remembered. When a
/// required table is missing or cannot be read as a table with its required columns, no roster is
/// built: checking references against a list that could not be read would only repeat that error.
struct RosterTableDecoder {
    let input: TableInput
    var cells = CellReader()
    private(set) var incompleteIDs = Set<String>()
    var places: TablePlaces
    private var hasEveryRequiredFile = true
    /// Lists whose table was read with all its required columns, so that their ids are all known.
    private var readLists = Set<String>()

    init(_ input: TableInput) {
        self.input = input
        cells.log = input.log
        places = TablePlaces(style: input.style)
    }

    var style: TableStyle { input.style }

    mutating func decode() -> Roster? {
        reportOtherTables()
        let horizon = decodeHorizon()
        let policy = decodePolicy()
        let locations = items("locations", RosterLayout.locations, Self.location)
        let hearings = items("hearings", RosterLayout.hearings, Self.hearing)
        var interpreters = items("interpreters", RosterLayout.interpreters, Self.interpreter)
        var officers = items("officers", RosterLayout.officers, Self.officer)
        let availability = decodeAvailability(knownPeople: interpreters.map(\.item.id) + officers.map(\.item.id))
        attach(availability, to: &interpreters, list: "interpreters")
        attach(availability, to: &officers, list: "officers")

        record(locations, as: "locations", RosterLayout.locations)
        record(hearings, as: "hearings", RosterLayout.hearings)
        record(interpreters, as: "interpreters", RosterLayout.interpreters)
        record(officers, as: "officers", RosterLayout.officers)
        guard let horizon, hasEveryRequiredFile else { return nil }
        return Roster(
            horizon: horizon, policy: policy, locations: locations.map(\.item), hearings: hearings.map(\.item),
            interpreters: interpreters.map(\.item), officers: officers.map(\.item))
    }

    // MARK: Tables

    static let requiredFiles = RosterLayout.tables.filter { $0.name != RosterLayout.policy.name }.map(\.name)
    static let allFiles = RosterLayout.tables.map(\.name)

    /// A `.csv` file that is not part of a roster is an error, so that a misspelt `policy.csv`
    /// does not silently leave the default weights in force. A workbook may hold other sheets
    /// (notes, an explanation), but one named almost as a roster sheet is an error for the same reason.
    private mutating func reportOtherTables() {
        let known = Set(Self.allFiles.map(style.name))
        let list = Self.allFiles.map(style.name).joined(separator: ", ")
        for name in input.others.sorted() {
            let suggestion = FieldReader.suggestion(for: name, among: known)
            switch style {
            case .csvFolder:
                cells.log.error(
                    .table(name), "this file is not part of a roster folder\(suggestion); the files are \(list)")
            case .workbook where !suggestion.isEmpty:
                cells.log.error(
                    .table(name + ".csv"),
                    "this sheet is not part of a roster\(suggestion); the roster's sheets are \(list), and other sheets must have other names")
            case .workbook:
                break
            }
        }
    }

    mutating func table(_ layout: TableLayout) -> NamedTable? {
        let isRequired = Self.requiredFiles.contains(layout.name)
        guard let table = input.tables[layout.name] else {
            if isRequired {
                if !input.unreadable.contains(layout.name) {
                    let needed = Self.requiredFiles.map(style.name).joined(separator: ", ")
                    let others = input.others.isEmpty ? "" : " (its other sheets are \(input.others.joined(separator: ", ")))"
                    cells.log.error(.table(layout.name), style.isFolder
                        ? "this file is missing; a roster folder needs \(needed)"
                        : "this sheet is missing; a roster workbook needs the sheets \(needed)\(others)")
                }
                hasEveryRequiredFile = false
            }
            return nil
        }
        for problem in table.problems {
            cells.log.error(.table(layout.name, line: problem.line, column: problem.column), problem.message)
        }
        guard let header = table.records.first else {
            cells.log.error(
                .table(layout.name, line: 1, column: 1),
                "the \(style.unit) is empty; it needs at least its header \(style.lineWord)")
            if isRequired { hasEveryRequiredFile = false }
            return nil
        }
        return NamedTable(file: layout.name, table: table, header: header, records: table.records.dropFirst())
    }

    /// The rows of a table whose header has every required column; logs the header's problems.
    mutating func rows(_ layout: TableLayout, of table: NamedTable) -> [TableRow]? {
        let (rows, hasRequiredColumns) = table.rows(layout, log: &cells.log)
        guard hasRequiredColumns else {
            if Self.requiredFiles.contains(layout.name) { hasEveryRequiredFile = false }
            for row in rows where !row["id"].isEmpty { incompleteIDs.insert(row["id"]) }
            return nil
        }
        return rows
    }

    // MARK: Lists

    /// Decodes each row of a list file; a row with an error is left out and its id remembered.
    private mutating func items<Item>(
        _ list: String, _ layout: TableLayout, _ decode: (inout CellReader, TableRow) -> Item?
    ) -> [(item: Item, row: TableRow)] {
        guard let table = table(layout), let rows = rows(layout, of: table) else { return [] }
        readLists.insert(list)
        var result: [(item: Item, row: TableRow)] = []
        for row in rows {
            let problemsBefore = cells.log.count
            cells.reportStrayCells(row, lineWord: style.lineWord)
            if let item = decode(&cells, row), cells.log.count == problemsBefore {
                result.append((item, row))
            } else if !row["id"].isEmpty {
                incompleteIDs.insert(row["id"])
            }
        }
        return result
    }

    private mutating func record<Item>(_ items: [(item: Item, row: TableRow)], as list: String, _ layout: TableLayout) {
        var rows = TablePlaces.ListRows(file: layout.name)
        rows.lines = items.map(\.row.line)
        rows.columns = (items.first?.row.columns ?? [:]).mapValues { $0 + 1 }
        places.lists[list] = rows
    }

    private static func location(_ c: inout CellReader, _ row: TableRow) -> Location? {
        let id = c.required(row, "id", .text)
        let name = c.optional(row, "name", .text)
        let rooms = c.optional(row, "rooms", .count)
        guard let id, let name, let rooms else { return nil }
        return Location(id: id, name: name, rooms: rooms)
    }

    private static func hearing(_ c: inout CellReader, _ row: TableRow) -> Hearing? {
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
    private static func fixedAssignment(_ c: inout CellReader, _ row: TableRow) -> FixedAssignment?? {
        let columns = ["fixedDate", "fixedSlot", "fixedInterpreter", "fixedOfficer"]
        guard columns.contains(where: { !row.cell($0).isEmpty }) else { return .some(nil) }
        let date = requiredWhenFixed(&c, row, "fixedDate", .day)
        let slot = requiredWhenFixed(&c, row, "fixedSlot", .text)
        let interpreter = c.optional(row, "fixedInterpreter", .text)
        let officer = c.optional(row, "fixedOfficer", .text)
        guard let date, let slot, let interpreter, let officer else { return nil }
        return .some(FixedAssignment(date: date, slot: slot, interpreter: interpreter, officer: officer))
    }

    private static func requiredWhenFixed<Value>(
        _ c: inout CellReader, _ row: TableRow, _ column: String, _ parser: CellParser<Value>
    ) -> Value? {
        guard !row.cell(column).isEmpty else {
            c.report(row.place(column), "\(column) is required when the hearing is fixed (a fixed... column is filled in)")
            return nil
        }
        return c.required(row, column, parser)
    }

    private static func interpreter(_ c: inout CellReader, _ row: TableRow) -> Interpreter? {
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

    private static func officer(_ c: inout CellReader, _ row: TableRow) -> Officer? {
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
        var slots: [String: [(slot: SlotName, place: TablePlace)]] = [:]
        /// People with a row that had an error; they are left out like any item with an error.
        var peopleWithErrors = Set<String>()
    }

    private mutating func decodeAvailability(knownPeople: [String]) -> Availability {
        var availability = Availability()
        guard let table = table(RosterLayout.availabilityBySlot) else { return availability }
        let isByDate = table.header.cells.contains { $0.text == "date" || $0.text == "slots" }
        let layout = isByDate ? RosterLayout.availabilityByDate : RosterLayout.availabilityBySlot
        guard let rows = rows(layout, of: table) else { return availability }
        var rowsByUnknownPerson: [String: [TableRow]] = [:]
        let known = Set(knownPeople).union(incompleteIDs)
        let canTellUnknown = readLists.contains("interpreters") && readLists.contains("officers")
        for row in rows {
            let problemsBefore = cells.log.count
            cells.reportStrayCells(row, lineWord: style.lineWord)
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
            } else if let slots, cells.log.count == problemsBefore {
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
                "\"\(person)\" is neither in \(style.name(RosterLayout.interpreters.name)) nor in \(style.name(RosterLayout.officers.name))"
                    + (others > 0 ? " (\(others) more row\(others == 1 ? "" : "s") below name this person too)" : ""))
        }
        return availability
    }

    /// Gives each person their slots; a person with an availability error is left out.
    private mutating func attach<Person: AvailablePerson>(
        _ availability: Availability, to people: inout [(item: Person, row: TableRow)], list: String
    ) {
        people.removeAll { person in
            let id = person.item.id
            if availability.peopleWithErrors.contains(id) { incompleteIDs.insert(id) }
            return availability.peopleWithErrors.contains(id)
        }
        var slotPlaces: [[TablePlace]] = []
        for index in people.indices {
            let given = availability.slots[people[index].item.id] ?? []
            people[index].item.available = given.map(\.slot)
            slotPlaces.append(given.map(\.place))
        }
        places.available[list] = slotPlaces
    }
}

/// Interpreters and officers, which both get their slots from the availability table.
protocol AvailablePerson {
    var id: String { get }
    var available: [SlotName] { get set }
}

extension Interpreter: AvailablePerson {}
extension Officer: AvailablePerson {}

extension RosterTableDecoder {
    /// Decodes the tables into a roster source whose places are those of the tables.
    static func source(of input: TableInput) -> RosterSource {
        var decoder = RosterTableDecoder(input)
        let roster = decoder.decode()
        let places = decoder.places
        return RosterSource(
            roster: roster, log: decoder.cells.log, incompleteIDs: decoder.incompleteIDs,
            locate: { places.place(of: $0) })
    }
}

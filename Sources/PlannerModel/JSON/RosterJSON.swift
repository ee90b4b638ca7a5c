/// Reading and writing the roster@1 JSON format of formats.md.
public enum RosterJSON {
    /// Decodes a roster strictly; every problem is logged with its path and decoding continues.
    public static func read(_ bytes: [UInt8]) -> RosterSource {
        let tree: JSONNode
        do {
            tree = try JSONParser.parse(bytes)
        } catch {
            var log = DiagnosticLog()
            log.error(.root, "the file is not valid JSON: \(error.message)")
            let place = "line \(error.line), column \(error.column)"
            return RosterSource(roster: nil, log: log, locate: { _ in place })
        }
        var decoder = RosterTreeDecoder()
        let roster = decoder.decodeRoster(tree)
        let locator = JSONLocator(tree: tree, bytes: bytes)
        return RosterSource(
            roster: roster, log: decoder.reader.log, incompleteIDs: decoder.incompleteIDs,
            isHorizonUsable: decoder.isHorizonUsable, documentPositions: decoder.documentPositions,
            locate: { locator.place(of: $0) })
    }

    /// Encodes a roster as formatted JSON; reading it back gives an equal roster.
    public static func write(_ roster: Roster) throws -> [UInt8] {
        try JSONOutput.encode(RosterDocument(roster))
    }
}

extension FieldPath {
    func dropLast() -> FieldPath { FieldPath(Array(components.dropLast())) }
}

/// Turns a parsed tree into a `Roster`, recording every problem.
struct RosterTreeDecoder {
    var reader = FieldReader()
    var incompleteIDs = Set<String>()
    var isHorizonUsable = true
    var documentPositions: [String: [Int]] = [:]

    private static let rootKeys: Set<String> = [
        "format", "horizon", "policy", "locations", "hearings", "interpreters", "officers",
    ]

    mutating func decodeRoster(_ tree: JSONNode) -> Roster? {
        guard let root = reader.object(tree, at: .root, allowed: Self.rootKeys) else { return nil }
        if let node = reader.require(root, "format"), let format = reader.string(node, at: .root / "format"),
           format != Roster.format
        {
            reader.log.error(.root / "format", "is \"\(format)\"; this version reads \"\(Roster.format)\"")
        }
        let horizon = reader.require(root, "horizon").flatMap { decodeHorizon($0, at: .root / "horizon") }
        let policy = root["policy"].flatMap { decodePolicy($0, at: .root / "policy") } ?? Policy()
        let locations = items(root, "locations") { $0.decodeLocation($1) }
        let hearings = items(root, "hearings") { $0.decodeHearing($1) }
        let interpreters = items(root, "interpreters") { $0.decodeInterpreter($1) }
        let officers = items(root, "officers") { $0.decodeOfficer($1) }
        if horizon == nil { isHorizonUsable = false }
        // A stand-in horizon lets the checks that do not need it run; the roster has errors anyway.
        let standIn = Horizon(start: Day(ordinal: 0), end: Day(ordinal: 0))
        return Roster(
            horizon: horizon ?? standIn, policy: policy, locations: locations, hearings: hearings,
            interpreters: interpreters, officers: officers)
    }

    /// Decodes a required list of items; an item with an error is left out and its id remembered.
    private mutating func items<Item>(
        _ root: Fields, _ key: String, _ decode: (inout Self, Fields) -> Item?
    ) -> [Item] {
        guard let node = reader.require(root, key), let list = reader.array(node, at: .root / key) else { return [] }
        var result: [Item] = []
        var positions: [Int] = []
        defer { documentPositions[key] = positions }
        for (index, element) in list.enumerated() {
            let path = FieldPath.root / key / index
            guard let fields = reader.object(element, at: path, allowed: Self.itemKeys[key]!) else { continue }
            let errorsBefore = reader.log.count
            if let item = decode(&self, fields), reader.log.count == errorsBefore {
                result.append(item)
                positions.append(index)
            } else if case .string(let id)? = fields["id"]?.value {
                incompleteIDs.insert(id)
            }
        }
        return result
    }

    static let itemKeys: [String: Set<String>] = [
        "locations": ["id", "name", "rooms"],
        "hearings": [
            "id", "kind", "language", "fallbackLanguages", "location", "durationSlots", "earliest", "latest",
            "interpreterGender", "officerGender", "priority", "requiredTrainings", "remoteInterpreterAllowed",
            "excludedInterpreters", "excludedOfficers", "fixed",
        ],
        "interpreters": ["id", "gender", "languages", "onsiteLocations", "remote", "available", "maxHearingsPerWeek"],
        "officers": ["id", "gender", "location", "trainings", "available", "maxHearingsPerWeek"],
    ]

    // MARK: Items

    private mutating func optional<T>(_ fields: Fields, _ key: String, _ read: (inout FieldReader, JSONNode, FieldPath) -> T?) -> T?? {
        guard let node = fields[key], !node.isNull else { return .some(nil) }
        guard let value = read(&reader, node, fields.path / key) else { return nil }
        return .some(value)
    }

    private mutating func required<T>(_ fields: Fields, _ key: String, _ read: (inout FieldReader, JSONNode, FieldPath) -> T?) -> T? {
        guard let node = reader.require(fields, key) else { return nil }
        return read(&reader, node, fields.path / key)
    }

    static func id(_ r: inout FieldReader, _ n: JSONNode, _ p: FieldPath) -> String? { r.nonEmptyString(n, at: p) }
    private static func text(_ r: inout FieldReader, _ n: JSONNode, _ p: FieldPath) -> String? { r.string(n, at: p) }
    private static func texts(_ r: inout FieldReader, _ n: JSONNode, _ p: FieldPath) -> [String]? { r.strings(n, at: p) }
    private static func day(_ r: inout FieldReader, _ n: JSONNode, _ p: FieldPath) -> Day? { r.day(n, at: p) }
    static func flag(_ r: inout FieldReader, _ n: JSONNode, _ p: FieldPath) -> Bool? { r.bool(n, at: p) }
    private static func count(_ r: inout FieldReader, _ n: JSONNode, _ p: FieldPath) -> Int? { r.integer(n, at: p, minimum: 0) }
    private static func positive(_ r: inout FieldReader, _ n: JSONNode, _ p: FieldPath) -> Int? { r.integer(n, at: p, minimum: 1) }
    static func slots(_ r: inout FieldReader, _ n: JSONNode, _ p: FieldPath) -> [SlotName]? { r.slots(n, at: p) }
    private static func gender(_ r: inout FieldReader, _ n: JSONNode, _ p: FieldPath) -> Gender? { r.choice(n, at: p, Gender.self) }
    private static func preference(_ r: inout FieldReader, _ n: JSONNode, _ p: FieldPath) -> GenderPreference? {
        r.choice(n, at: p, GenderPreference.self)
    }
    private static func priority(_ r: inout FieldReader, _ n: JSONNode, _ p: FieldPath) -> Priority? {
        r.choice(n, at: p, Priority.self)
    }

    private mutating func decodeLocation(_ f: Fields) -> Location? {
        let id = required(f, "id", Self.id)
        let name = optional(f, "name", Self.text)
        let rooms = optional(f, "rooms", Self.count)
        guard let id, let name, let rooms else { return nil }
        return Location(id: id, name: name, rooms: rooms)
    }

    mutating func decodeHearing(_ f: Fields) -> Hearing? {
        let id = required(f, "id", Self.id)
        let kind = optional(f, "kind", Self.text)
        let language = required(f, "language", Self.id)
        let fallback = optional(f, "fallbackLanguages", Self.texts)
        let location = required(f, "location", Self.id)
        let duration = optional(f, "durationSlots", Self.positive)
        let earliest = required(f, "earliest", Self.day)
        let latest = required(f, "latest", Self.day)
        let interpreterGender = optional(f, "interpreterGender", Self.preference)
        let officerGender = optional(f, "officerGender", Self.preference)
        let priority = optional(f, "priority", Self.priority)
        let trainings = optional(f, "requiredTrainings", Self.texts)
        let remoteAllowed = optional(f, "remoteInterpreterAllowed", Self.flag)
        let excludedInterpreters = optional(f, "excludedInterpreters", Self.texts)
        let excludedOfficers = optional(f, "excludedOfficers", Self.texts)
        let fixed: FixedAssignment?? = f["fixed"].map { node in
            node.isNull ? .some(nil) : decodeFixed(node, at: f.path / "fixed").map { .some($0) } ?? nil
        } ?? .some(nil)
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

    private mutating func decodeFixed(_ node: JSONNode, at path: FieldPath) -> FixedAssignment? {
        guard let f = reader.object(node, at: path, allowed: ["date", "slot", "interpreter", "officer"]) else {
            return nil
        }
        let date = required(f, "date", Self.day)
        let slot = required(f, "slot", Self.id)
        let interpreter = optional(f, "interpreter", Self.id)
        let officer = optional(f, "officer", Self.id)
        guard let date, let slot, let interpreter, let officer else { return nil }
        return FixedAssignment(date: date, slot: slot, interpreter: interpreter, officer: officer)
    }

    mutating func decodeInterpreter(_ f: Fields) -> Interpreter? {
        let id = required(f, "id", Self.id)
        let gender = required(f, "gender", Self.gender)
        let languages = reader.require(f, "languages").flatMap { decodeLanguages($0, at: f.path / "languages") }
        let onsite = optional(f, "onsiteLocations", Self.texts)
        let remote = optional(f, "remote", Self.flag)
        let available = optional(f, "available", Self.slots)
        let cap = optional(f, "maxHearingsPerWeek", Self.count)
        guard let id, let gender, let languages, let onsite, let remote, let available, let cap else { return nil }
        return Interpreter(
            id: id, gender: gender, languages: languages, onsiteLocations: onsite ?? [], remote: remote ?? false,
            available: available ?? [], maxHearingsPerWeek: cap)
    }

    private mutating func decodeLanguages(_ node: JSONNode, at path: FieldPath) -> [LanguageSkill]? {
        guard let list = reader.array(node, at: path) else { return nil }
        var skills: [LanguageSkill] = []
        var isComplete = true
        for (index, element) in list.enumerated() {
            guard let f = reader.object(element, at: path / index, allowed: ["code", "registered"]) else {
                isComplete = false
                continue
            }
            let code = required(f, "code", Self.id)
            let registered = optional(f, "registered", Self.flag)
            guard let code, let registered else {
                isComplete = false
                continue
            }
            skills.append(LanguageSkill(code: code, registered: registered ?? true))
        }
        return isComplete ? skills : nil
    }

    mutating func decodeOfficer(_ f: Fields) -> Officer? {
        let id = required(f, "id", Self.id)
        let gender = required(f, "gender", Self.gender)
        let location = required(f, "location", Self.id)
        let trainings = optional(f, "trainings", Self.texts)
        let available = optional(f, "available", Self.slots)
        let cap = optional(f, "maxHearingsPerWeek", Self.count)
        guard let id, let gender, let location, let trainings, let available, let cap else { return nil }
        return Officer(
            id: id, gender: gender, location: location, trainings: trainings ?? [], available: available ?? [],
            maxHearingsPerWeek: cap)
    }

    // MARK: Horizon and policy

    private mutating func decodeHorizon(_ node: JSONNode, at path: FieldPath) -> Horizon? {
        let keys: Set<String> = ["start", "end", "holidays", "slots", "slotTimes", "timeZone"]
        guard let f = reader.object(node, at: path, allowed: keys) else { return nil }
        let start = required(f, "start", Self.day)
        let end = required(f, "end", Self.day)
        let holidays: [Day]?? = optional(f, "holidays") { r, n, p in
            guard let items = r.array(n, at: p) else { return nil }
            let days = items.enumerated().map { r.day($0.element, at: p / $0.offset) }
            return days.contains(where: { $0 == nil }) ? nil : days.compactMap { $0 }
        }
        let slots = optional(f, "slots", Self.texts)
        let slotTimes: [String: DayPartTimes]?? = f["slotTimes"].map { node in
            node.isNull ? .some(nil) : decodeSlotTimes(node, at: path / "slotTimes").map { .some($0) } ?? nil
        } ?? .some(nil)
        let timeZone = optional(f, "timeZone", Self.id)
        guard let start, let end, let holidays, let slots, let slotTimes, let timeZone else { return nil }
        var times = Horizon.defaultSlotTimes
        for (part, value) in slotTimes ?? [:] { times[part] = value }
        return Horizon(
            start: start, end: end, holidays: holidays ?? [], slots: slots ?? Horizon.defaultSlots,
            slotTimes: times, timeZone: timeZone ?? Horizon.defaultTimeZone)
    }

    private mutating func decodeSlotTimes(_ node: JSONNode, at path: FieldPath) -> [String: DayPartTimes]? {
        guard case .object(let members) = node.value else {
            reader.log.error(path, "must be an object such as {\"AM\": [\"09:00\", \"12:30\"]}, not \(node.typeName)")
            return nil
        }
        var result: [String: DayPartTimes] = [:]
        var isComplete = true
        for (part, value) in members {
            let partPath = path / part
            guard let pair = reader.strings(value, at: partPath), pair.count == 2 else {
                if case .array = value.value {
                    reader.log.error(partPath, "must list a start and an end time, such as [\"09:00\", \"12:30\"]")
                }
                isComplete = false
                continue
            }
            guard let start = TimeOfDay(pair[0]), let end = TimeOfDay(pair[1]) else {
                reader.log.error(partPath, "times must be written HH:MM on a 24-hour clock, such as \"13:30\"")
                isComplete = false
                continue
            }
            result[part] = DayPartTimes(start: start, end: end)
        }
        return isComplete ? result : nil
    }

    mutating func decodePolicy(_ node: JSONNode, at path: FieldPath, base: Policy = Policy()) -> Policy? {
        var keys = Set(Policy.numericKeys.map { String($0.key.split(separator: ".")[0]) })
        keys.insert("maxChanges")
        guard let f = reader.object(node, at: path, allowed: keys) else { return nil }
        var policy = base
        var isComplete = true
        for (key, keyPath) in Policy.numericKeys {
            let parts = key.split(separator: ".").map(String.init)
            var valueNode = f[parts[0]]
            var valuePath = path / parts[0]
            if parts.count == 2, let parent = valueNode {
                guard case .object = parent.value else {
                    if key.hasSuffix(".standard") {
                        reader.log.error(valuePath, "must be an object such as {\"standard\": 20, \"high\": 60}")
                    }
                    isComplete = false
                    continue
                }
                valueNode = parent[parts[1]]
                valuePath = valuePath / parts[1]
            }
            guard let valueNode, !valueNode.isNull else { continue }
            if let value = reader.number(valueNode, at: valuePath, in: Policy.range(of: key)) {
                policy[keyPath: keyPath] = value
            } else {
                isComplete = false
            }
        }
        if case .object(let members)? = f["preferencePenalty"]?.value {
            for (key, _) in members where key != "standard" && key != "high" {
                reader.log.error(path / "preferencePenalty" / key, "unknown field \"\(key)\"; the priorities are \"standard\" and \"high\"")
            }
        }
        if let node = f["maxChanges"], !node.isNull {
            if let value = reader.integer(node, at: path / "maxChanges", minimum: 0) {
                policy.maxChanges = value
            } else {
                isComplete = false
            }
        }
        return isComplete ? policy : nil
    }
}

/// A policy on its own (a `--policy` file): the fields of a roster's `policy` object.
public enum PolicyJSON {
    public struct Result: Sendable {
        /// The defaults of the spec with the file's fields applied; nil if the file has an error.
        public var policy: Policy?
        public var diagnostics: [Diagnostic]
    }

    /// Reads a policy file; its fields replace those of `base`, the others stay as they are.
    public static func read(_ bytes: [UInt8], base: Policy = Policy()) throws -> Result {
        let tree: JSONNode
        do {
            tree = try JSONParser.parse(bytes)
        } catch {
            return Result(policy: nil, diagnostics: [Diagnostic(.error, at: "line \(error.line), column \(error.column)", "the file is not valid JSON: \(error.message)")])
        }
        var decoder = RosterTreeDecoder()
        let policy = decoder.decodePolicy(tree, at: .root, base: base)
        let locator = JSONLocator(tree: tree, bytes: bytes)
        let diagnostics = decoder.reader.log.diagnostics(locatedBy: { locator.place(of: $0, orParent: false) })
        return Result(policy: decoder.reader.log.hasErrors ? nil : policy, diagnostics: diagnostics)
    }
}

/// Reading and writing events@1 (formats.md).
public enum EventsJSON {
    public static let format = "hearing-planner/events@1"

    public struct Result: Sendable {
        /// The events, when the document has no error.
        public var events: [EventRecord]?
        public var diagnostics: [Diagnostic]
    }

    /// Decodes a batch strictly; every problem is reported with its path (`events[3].hearing.latest`).
    public static func read(_ bytes: [UInt8]) -> Result {
        let tree: JSONNode
        do {
            tree = try JSONParser.parse(bytes)
        } catch {
            return Result(events: nil, diagnostics: [Diagnostic(.error, at: "line \(error.line), column \(error.column)", "the file is not valid JSON: \(error.message)")])
        }
        var decoder = RosterTreeDecoder()
        var events: [EventRecord] = []
        if let root = decoder.reader.object(tree, at: .root, allowed: ["format", "events"]) {
            if let node = decoder.reader.require(root, "format"), let format = decoder.reader.string(node, at: .root / "format"),
               format != Self.format
            {
                decoder.reader.log.error(.root / "format", "is \"\(format)\"; this version reads \"\(Self.format)\"")
            }
            if let node = decoder.reader.require(root, "events"), let list = decoder.reader.array(node, at: .root / "events") {
                var ids = Set<String>()
                for (index, element) in list.enumerated() {
                    let path = FieldPath.root / "events" / index
                    guard let event = decoder.decodeEvent(element, at: path) else { continue }
                    if let invisible = RosterValidator.invisibleCharacter(in: event.id) {
                        decoder.reader.log.error(path / "id", "the event id contains an invisible character (\(invisible)); remove it")
                    }
                    if !ids.insert(event.id).inserted {
                        decoder.reader.log.warning(path / "id", "the event id \"\(event.id)\" appears twice; the second is skipped")
                    }
                    events.append(event)
                }
            }
        }
        let locator = JSONLocator(tree: tree, bytes: bytes)
        let diagnostics = decoder.reader.log.diagnostics(locatedBy: { locator.place(of: $0) })
        return Result(events: decoder.reader.log.hasErrors ? nil : events, diagnostics: diagnostics)
    }
}

extension RosterTreeDecoder {
    static let eventKeys: [String: Set<String>] = [
        "availability": ["id", "type", "person", "slots", "available"],
        "hearingCancelled": ["id", "type", "hearing"],
        "hearingAdded": ["id", "type", "hearing"],
        "hearingChanged": ["id", "type", "hearing"],
        "personAdded": ["id", "type", "interpreter", "officer"],
        "personRemoved": ["id", "type", "person"],
    ]

    mutating func decodeEvent(_ node: JSONNode, at path: FieldPath) -> EventRecord? {
        guard case .object = node.value else {
            reader.log.error(path, "must be an object ({...}), not \(node.typeName)")
            return nil
        }
        guard let typeNode = node["type"], let type = reader.string(typeNode, at: path / "type") else {
            if node["type"] == nil { reader.log.error(path / "type", "is required but missing") }
            return nil
        }
        guard let keys = Self.eventKeys[type] else {
            let known = Self.eventKeys.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            reader.log.error(path / "type", "'\(type)' is not one of \(known)")
            return nil
        }
        guard let fields = reader.object(node, at: path, allowed: keys) else { return nil }
        let errorsBefore = reader.log.count
        let id = reader.require(fields, "id").flatMap { Self.id(&reader, $0, path / "id") }
        var change: ChangeEvent?
        switch type {
        case "availability":
            let person = reader.require(fields, "person").flatMap { Self.id(&reader, $0, path / "person") }
            let slots = reader.require(fields, "slots").flatMap { Self.slots(&reader, $0, path / "slots") }
            let available = reader.require(fields, "available").flatMap { Self.flag(&reader, $0, path / "available") }
            if let person, let slots, let available { change = .availability(person: person, slots: slots, available: available) }
        case "hearingCancelled":
            if let id = reader.require(fields, "hearing").flatMap({ Self.id(&reader, $0, path / "hearing") }) {
                change = .hearingCancelled(hearing: id)
            }
        case "hearingAdded", "hearingChanged":
            if let hearingNode = reader.require(fields, "hearing"),
               let hearingFields = reader.object(hearingNode, at: path / "hearing", allowed: Self.itemKeys["hearings"]!),
               let hearing = decodeHearing(hearingFields)
            {
                change = type == "hearingAdded" ? .hearingAdded(hearing) : .hearingChanged(hearing)
            }
        case "personAdded":
            switch (fields["interpreter"], fields["officer"]) {
            case (let node?, nil):
                if let f = reader.object(node, at: path / "interpreter", allowed: Self.itemKeys["interpreters"]!),
                   let person = decodeInterpreter(f)
                {
                    change = .interpreterAdded(person)
                }
            case (nil, let node?):
                if let f = reader.object(node, at: path / "officer", allowed: Self.itemKeys["officers"]!), let person = decodeOfficer(f) {
                    change = .officerAdded(person)
                }
            default:
                reader.log.error(path, "a personAdded event has either an \"interpreter\" or an \"officer\", not both or neither")
            }
        default:  // personRemoved
            if let person = reader.require(fields, "person").flatMap({ Self.id(&reader, $0, path / "person") }) {
                change = .personRemoved(person: person)
            }
        }
        guard let id, let change, reader.log.count == errorsBefore else { return nil }
        return EventRecord(id: id, change: change)
    }
}

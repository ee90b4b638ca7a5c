/// The key,value tables of a roster: `horizon` and `policy`.
extension RosterTableDecoder {
    /// The rows of a key,value file by key, after logging unknown and repeated keys.
    private mutating func keyRows(_ layout: TableLayout, as name: String, isKnown: (String) -> Bool) -> [String: TableRow]? {
        guard let table = table(layout), let rows = rows(layout, of: table) else { return nil }
        var byKey: [String: TableRow] = [:]
        for row in rows {
            cells.reportStrayCells(row, lineWord: style.lineWord)
            let key = row["key"]
            if key.isEmpty {
                cells.report(row.place("key"), "the key is empty")
            } else if let first = byKey[key] {
                cells.report(row.place("key"), "\"\(key)\" is given twice (also on \(style.lineWord) \(first.line))")
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

    private func knownKeys(of layout: TableLayout) -> [String] {
        layout.name == RosterLayout.policy.name
            ? RosterLayout.policyKeys
            : RosterLayout.horizonKeys + ["slotTimes.AM", "slotTimes.PM"]
    }

    mutating func decodeHorizon() -> Horizon? {
        let file = RosterLayout.horizon.name
        guard let rows = keyRows(RosterLayout.horizon, as: "horizon", isKnown: { key in
            RosterLayout.horizonKeys.contains(key)
                || (key.hasPrefix(RosterLayout.slotTimesPrefix) && key.count > RosterLayout.slotTimesPrefix.count)
        }) else { return nil }
        func value<Value>(_ key: String, _ parser: CellParser<Value>) -> Value?? {
            guard let row = rows[key] else { return .some(nil) }
            return cells.optional(row.cell("value"), at: row.place("value"), named: key, parser, row.dialect)
        }
        var start: Day?
        var end: Day?
        for key in ["start", "end"] {
            guard let row = rows[key] else {
                cells.log.error(.table(file), "there is no row for \"\(key)\", which is required")
                continue
            }
            let day = cells.required(row.cell("value"), at: row.place("value"), named: key, .day, row.dialect)
            if key == "start" { start = day } else { end = day }
        }
        let holidays = value("holidays", .days)
        let slots = value("slots", .dayParts)
        let timeZone = value("timeZone", .text)
        var slotTimes: [String: DayPartTimes]? = Horizon.defaultSlotTimes
        for (key, row) in rows.sorted(by: { $0.value.line < $1.value.line })
        where key.hasPrefix(RosterLayout.slotTimesPrefix) {
            switch cells.optional(row.cell("value"), at: row.place("value"), named: key, .times, row.dialect) {
            case .some(.some(let times)): slotTimes?[String(key.dropFirst(RosterLayout.slotTimesPrefix.count))] = times
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
    mutating func decodePolicy() -> Policy {
        var policy = Policy()
        guard input.tables[RosterLayout.policy.name] != nil,
              let rows = keyRows(RosterLayout.policy, as: "policy", isKnown: RosterLayout.policyKeys.contains)
        else { return policy }
        for (key, path) in Policy.numericKeys {
            guard let row = rows[key] else { continue }
            if let weight = cells.optional(row.cell("value"), at: row.place("value"), named: key, .weight(in: Policy.range(of: key)), row.dialect), let weight {
                policy[keyPath: path] = weight
            }
        }
        if let row = rows["maxChanges"],
           let cap = cells.optional(row.cell("value"), at: row.place("value"), named: "maxChanges", .count, row.dialect)
        {
            policy.maxChanges = cap
        }
        return policy
    }
}

import PlannerModel

extension FulfilmentReport {
    /// Computes the report from plans, each with its roster or all without.
    ///
    /// - Parameters:
    ///   - groupBy: the breakdowns; `nil` for ``ReportDimension/defaults(withRoster:)``.
    ///   - minCell: groups with fewer preference requests than this show no numbers (at least 1).
    /// - Throws: ``ReportError`` when a grouping needs the roster and there is none, when only some
    ///   plans have a roster, when a hearing is held in two plans, or when `minCell` is below 1.
    public init(inputs: [ReportInput], groupBy: [ReportDimension]? = nil, minCell: Int = defaultMinCell) throws {
        guard minCell >= 1 else { throw ReportError(.badMinCell, "--min-cell must be 1 or more.") }
        let withRoster = !inputs.isEmpty && inputs.allSatisfy { $0.roster != nil }
        if !withRoster && inputs.contains(where: { $0.roster != nil }) {
            throw ReportError(.rosterMismatch, "Give a roster for every plan or for none.")
        }
        let dimensions = groupBy ?? ReportDimension.defaults(withRoster: withRoster)
        let needing = dimensions.filter(\.needsRoster)
        if !withRoster && !needing.isEmpty {
            throw ReportError(.needsRoster,
                "Grouping by \(needing.map(\.rawValue).joined(separator: ", ")) needs --roster: a plan records hearing ids, "
                + "dates, places and people, but a hearing's language, priority, kind and the sex asked for are in the roster.")
        }
        var builder = try ReportBuilder(inputs: inputs, withRoster: withRoster, minCell: minCell)
        self = builder.report(dimensions: dimensions)
    }
}

/// One held hearing, with what the roster says about it when there is a roster.
struct HeldRecord {
    let period: Int
    let assignment: Assignment
    let hearing: Hearing?
    let horizonEnd: Day?
    let locationName: String?
}

/// One requested preference of a held hearing.
struct RequestRecord {
    let held: Int
    let role: Role
    let sex: GenderPreference?
    let isMet: Bool
    /// The reason code of an unmet preference as the plan records it.
    let reason: String?
}

/// Requested and met counts for one role.
struct Tally: Equatable {
    var requested = 0
    var met = 0

    static func + (a: Tally, b: Tally) -> Tally { Tally(requested: a.requested + b.requested, met: a.met + b.met) }
}

struct RoleTally: Equatable {
    var interpreter = Tally()
    var officer = Tally()
    var both: Tally { interpreter + officer }

    mutating func add(_ request: RequestRecord) {
        let tally = Tally(requested: 1, met: request.isMet ? 1 : 0)
        switch request.role {
        case .interpreter: interpreter = interpreter + tally
        case .officer: officer = officer + tally
        }
    }
}

/// Which of the overall cells are hidden: interpreter, officer, both.
struct MarginHidden: Equatable {
    var interpreter = false
    var officer = false
    var both = false
}

struct ReportBuilder {
    static let notRecorded = "not-recorded"

    let inputs: [ReportInput]
    let withRoster: Bool
    let minCell: Int
    /// Plans in date order, with their dates.
    let periods: [(input: ReportInput, start: Day?, end: Day?)]
    var held: [HeldRecord] = []
    var requests: [RequestRecord] = []

    init(inputs: [ReportInput], withRoster: Bool, minCell: Int) throws {
        self.inputs = inputs
        self.withRoster = withRoster
        self.minCell = minCell
        let dated = inputs.map { input -> (input: ReportInput, start: Day?, end: Day?) in
            if let horizon = input.roster?.horizon { return (input, horizon.start, horizon.end) }
            let dates = input.plan.assignments.map(\.date)
            return (input, dates.min(), dates.max())
        }
        // A stable sort: plans without dates keep their order, after the dated ones.
        periods = dated.enumerated().sorted { a, b in
            switch (a.element.start, b.element.start) {
            case let (x?, y?): (x, a.offset) < (y, b.offset)
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.offset < b.offset
            }
        }.map(\.element)

        var heldIn: [String: Int] = [:]
        for (period, entry) in periods.enumerated() {
            let plan = entry.input.plan
            let roster = entry.input.roster
            let hearings = Dictionary((roster?.hearings ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let names = Dictionary((roster?.locations ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            var reasons: [String: String] = [:]
            for unmet in plan.unmetPreferences { reasons[unmet.hearing + "\u{0}" + unmet.role.rawValue] = unmet.reason.code.rawValue }
            for assignment in plan.assignments {
                if let other = heldIn[assignment.hearing], other != period {
                    throw ReportError(.overlappingPlans,
                        "A hearing is held in two of the plans given (plans for \(Self.label(periods[other].start, periods[other].end, other)) "
                        + "and \(Self.label(entry.start, entry.end, period))): give each week's final plan once.")
                }
                heldIn[assignment.hearing] = period
                let hearing = hearings[assignment.hearing]
                held.append(HeldRecord(
                    period: period, assignment: assignment, hearing: hearing, horizonEnd: roster?.horizon.end,
                    locationName: names[assignment.location] ?? nil))
                let index = held.count - 1
                for role in Role.allCases {
                    let state = role == .interpreter ? assignment.interpreterPreference : assignment.officerPreference
                    guard state != .none else { continue }
                    let sex = role == .interpreter ? hearing?.interpreterGender : hearing?.officerGender
                    let reason = state == .unmet ? (reasons[assignment.hearing + "\u{0}" + role.rawValue] ?? Self.notRecorded) : nil
                    requests.append(RequestRecord(held: index, role: role, sex: sex, isMet: state == .met, reason: reason))
                }
            }
        }
    }

    /// `2026-W50`, `2026-W50..2026-W51`, or `plan 3` when there are no dates.
    static func label(_ start: Day?, _ end: Day?, _ index: Int) -> String {
        guard let start, let end else { return "plan \(index + 1)" }
        let first = start.isoWeek.description
        let last = end.isoWeek.description
        return first == last ? first : "\(first)..\(last)"
    }

    mutating func report(dimensions: [ReportDimension]) -> FulfilmentReport {
        var overall = RoleTally()
        for request in requests { overall.add(request) }

        // Group tallies, per grouping; the role grouping repeats the overall cells.
        let tabled = dimensions.filter { $0 != .role }
        let groupTallies = tabled.map { tallies(by: $0) }
        var periodTallies = Array(repeating: RoleTally(), count: periods.count)
        for request in requests { periodTallies[held[request.held].period].add(request) }

        // Suppression: tables share the overall cells, so repeat until the overall cells settle.
        var margin = overallHidden(overall, forced: MarginHidden())
        var hiddenGroups: [[(Bool, Bool, Bool)]] = []
        var hiddenPeriods: [(Bool, Bool, Bool)] = []
        while true {
            var next = margin
            hiddenGroups = groupTallies.map { table in
                let (rows, newMargin) = hiddenRows(table.map(\.tally), overall: overall, margin: margin)
                next = merge(next, newMargin)
                return rows
            }
            let (rows, newMargin) = hiddenRows(periodTallies, overall: overall, margin: margin)
            hiddenPeriods = rows
            next = merge(next, newMargin)
            next = merge(next, overallHidden(overall, forced: next))
            if next == margin { break }
            margin = next
        }

        let overallFigures = FulfilmentReport.Fulfilment(
            interpreter: cell(overall.interpreter, hidden: margin.interpreter),
            officer: cell(overall.officer, hidden: margin.officer),
            both: cell(overall.both, hidden: margin.both))

        var groups: [FulfilmentReport.Group] = []
        for dimension in dimensions {
            if dimension == .role {
                groups.append(FulfilmentReport.Group(by: .role, key: "interpreter", interpreter: overallFigures.interpreter))
                groups.append(FulfilmentReport.Group(by: .role, key: "officer", officer: overallFigures.officer))
                continue
            }
            guard let index = tabled.firstIndex(of: dimension) else { continue }
            for (row, entry) in groupTallies[index].enumerated() {
                let hidden = hiddenGroups[index][row]
                groups.append(FulfilmentReport.Group(
                    by: dimension, key: entry.key, label: entry.label,
                    interpreter: cell(entry.tally.interpreter, hidden: hidden.0),
                    officer: cell(entry.tally.officer, hidden: hidden.1),
                    both: cell(entry.tally.both, hidden: hidden.2)))
            }
        }

        let periodFigures = periods.enumerated().map { index, entry in
            FulfilmentReport.Period(
                label: Self.label(entry.start, entry.end, index), start: entry.start, end: entry.end,
                heldHearings: entry.input.plan.assignments.count, unheldHearings: entry.input.plan.unscheduled.count,
                interpreter: cell(periodTallies[index].interpreter, hidden: hiddenPeriods[index].0),
                officer: cell(periodTallies[index].officer, hidden: hiddenPeriods[index].1),
                both: cell(periodTallies[index].both, hidden: hiddenPeriods[index].2))
        }

        var statuses: [String: Int] = [:]
        for input in inputs { statuses[input.plan.status.rawValue, default: 0] += 1 }
        let unheldCount = inputs.reduce(0) { $0 + $1.plan.unscheduled.count }
        let scope = FulfilmentReport.Scope(
            plans: inputs.count, withRoster: withRoster,
            start: periods.compactMap(\.start).min(), end: periods.compactMap(\.end).max(),
            heldHearings: held.count, unheldHearings: unheldCount, planStatus: statuses, groupBy: dimensions)

        return FulfilmentReport(
            minCell: minCell, scope: scope, overall: overallFigures, groups: groups,
            waiting: waiting(bothShown: !margin.both), unmetByReason: unmetByReason(margin),
            unheld: unheld(), deadlineForced: withRoster ? deadlineForced(bothShown: !margin.both) : nil,
            interpreterSupply: withRoster ? interpreterSupply() : nil, workload: workload(), periods: periodFigures)
    }

    // MARK: Fulfilment cells

    func cell(_ tally: Tally, hidden: Bool) -> FulfilmentReport.Cell {
        guard !hidden, tally.requested >= minCell, tally.requested > 0,
              let interval = Statistics.wilson(successes: tally.met, trials: tally.requested)
        else { return .suppressed }
        return .shown(requested: tally.requested, met: tally.met,
                      rate: Double(tally.met) / Double(tally.requested), ci95: interval)
    }

    /// The groups of one grouping, sorted by key, with their tallies.
    func tallies(by dimension: ReportDimension) -> [(key: String, label: String?, tally: RoleTally)] {
        var byKey: [String: RoleTally] = [:]
        var labels: [String: String] = [:]
        // Every key of a held hearing is a group, whether or not it asked for anything, so that a
        // group's presence says nothing about its requests.
        for record in held {
            if dimension == .sex { break }
            let key = Self.key(of: record, by: dimension)
            if byKey[key] == nil { byKey[key] = RoleTally() }
            if dimension == .location, let name = record.locationName { labels[key] = name }
        }
        if dimension == .sex { for sex in GenderPreference.allCases { byKey[sex.rawValue] = RoleTally() } }
        for request in requests {
            let key = dimension == .sex ? (request.sex?.rawValue ?? "unknown") : Self.key(of: held[request.held], by: dimension)
            byKey[key, default: RoleTally()].add(request)
        }
        return byKey.keys.sorted().map { ($0, labels[$0], byKey[$0]!) }
    }

    static func key(of record: HeldRecord, by dimension: ReportDimension) -> String {
        switch dimension {
        case .week: record.assignment.date.isoWeek.description
        case .location: record.assignment.location
        case .language: record.hearing?.language ?? "unknown"
        case .priority: record.hearing?.priority.rawValue ?? "unknown"
        case .kind: record.hearing?.kind ?? "unspecified"
        case .role, .sex: ""
        }
    }

    func overallHidden(_ overall: RoleTally, forced: MarginHidden) -> MarginHidden {
        var table = SuppressionTable()
        let i = table.add(overall.interpreter.requested, cost: 30, hidden: forced.interpreter)
        let o = table.add(overall.officer.requested, cost: 30, hidden: forced.officer)
        let b = table.add(overall.both.requested, cost: 20, hidden: forced.both)
        table.relate(parts: [i, o], total: b)
        let hidden = table.hiddenCells(minCell: minCell)
        return MarginHidden(interpreter: hidden.contains(i), officer: hidden.contains(o), both: hidden.contains(b))
    }

    /// Which cells of a table of groups to hide, and which overall cells it needed hidden too.
    func hiddenRows(_ rows: [RoleTally], overall: RoleTally, margin: MarginHidden) -> ([(Bool, Bool, Bool)], MarginHidden) {
        var table = SuppressionTable()
        var cells: [(Int, Int, Int)] = []
        for row in rows {
            let i = table.add(row.interpreter.requested, cost: 10)
            let o = table.add(row.officer.requested, cost: 10)
            let b = table.add(row.both.requested, cost: 0)
            table.relate(parts: [i, o], total: b)
            cells.append((i, o, b))
        }
        let i = table.add(overall.interpreter.requested, cost: 30, hidden: margin.interpreter)
        let o = table.add(overall.officer.requested, cost: 30, hidden: margin.officer)
        let b = table.add(overall.both.requested, cost: 20, hidden: margin.both)
        table.relate(parts: [i, o], total: b)
        table.relate(parts: cells.map(\.0), total: i)
        table.relate(parts: cells.map(\.1), total: o)
        table.relate(parts: cells.map(\.2), total: b)
        let hidden = table.hiddenCells(minCell: minCell)
        return (cells.map { (hidden.contains($0.0), hidden.contains($0.1), hidden.contains($0.2)) },
                MarginHidden(interpreter: hidden.contains(i), officer: hidden.contains(o), both: hidden.contains(b)))
    }

    func merge(_ a: MarginHidden, _ b: MarginHidden) -> MarginHidden {
        MarginHidden(interpreter: a.interpreter || b.interpreter, officer: a.officer || b.officer, both: a.both || b.both)
    }
}

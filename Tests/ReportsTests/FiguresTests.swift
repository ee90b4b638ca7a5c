import Foundation
import GLPKSolver
import Logging
import Planning
import PlannerModel
import Reports
import SyntheticRosters
import Testing
import TestSupport

/// The planner as the command line builds it, with logs dropped.
func makePlanner() -> Planner {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    return Planner(solver: GLPKSolver(logger: logger), logger: logger)
}

/// A plan of a generated roster; a time limit keeps the suite quick, and a feasible plan is as good
/// a test input as an optimal one.
func generatedPlan(_ roster: Roster) throws -> Plan {
    let plan = try makePlanner().plan(roster, options: PlanningOptions(timeLimit: .seconds(8)))
    #expect(plan.status == .optimal || plan.status == .feasible)
    return plan
}

/// Every figure of the JSON report equals its recomputation by ReferenceFigures, on plans the
/// planner made of generated rosters.
@Suite("Figures on generated plans")
struct FiguresTests {
    static let dimensions = ReportDimension.allCases

    @Test(arguments: [(60, UInt64(21), 5), (90, UInt64(22), 5), (120, UInt64(23), 1), (75, UInt64(24), 3)])
    func oneWeek(hearings: Int, seed: UInt64, minCell: Int) throws {
        let roster = RosterGenerator(hearings: hearings, seed: seed).generate()
        let plan = try generatedPlan(roster)
        try check([(plan, roster)], minCell: minCell)
    }

    @Test func twoWeeksGiveATrend() throws {
        let first = RosterGenerator(hearings: 70, seed: 31).generate()
        var second = RosterGenerator(hearings: 70, seed: 32, start: RosterGenerator.defaultStart.adding(days: 7)).generate()
        // Generated weeks number their hearings alike; real weeks do not.
        for index in second.hearings.indices { second.hearings[index].id = "W2-" + second.hearings[index].id }
        let plans = [try generatedPlan(first), try generatedPlan(second)]
        // Given in the wrong order and paired by their hearings: the report sorts them by date.
        let inputs = try ReportInput.pair(plans: plans.reversed(), rosters: [first, second])
        let report = try FulfilmentReport(inputs: inputs, groupBy: Self.dimensions, minCell: 3)
        let tree = try JSONTree(try report.json())
        let periods = try #require(try JSONTree.object(tree.root)["periods"] as? [Any])
        #expect(periods.count == 2)
        #expect(try JSONTree.object(periods[0])["label"] as? String == "2026-W50")
        #expect(try JSONTree.object(periods[1])["label"] as? String == "2026-W51")
        try check([(plans[0], first), (plans[1], second)], minCell: 3)
    }

    @Test func withoutRosterOnlyThePlansFigures() throws {
        let roster = RosterGenerator(hearings: 60, seed: 41).generate()
        let plan = try generatedPlan(roster)
        try check([(plan, nil)], minCell: 2, dimensions: [.week, .location, .role])
        #expect(throws: ReportError.self) {
            try FulfilmentReport(inputs: [try ReportInput(plan: plan, roster: nil)], groupBy: [.language])
        }
    }

    /// Builds the report and checks each figure of its JSON against the reference.
    func check(_ inputs: [(plan: Plan, roster: Roster?)], minCell: Int, dimensions: [ReportDimension] = dimensions) throws {
        let reportInputs = try inputs.map { try ReportInput(plan: $0.plan, roster: $0.roster) }
        let report = try FulfilmentReport(inputs: reportInputs, groupBy: dimensions, minCell: minCell)
        let json = try report.json()
        let root = try JSONTree.object(try JSONTree(json).root)
        let reference = ReferenceFigures(inputs)
        #expect(root["format"] as? String == "hearing-planner/report@1")
        #expect(try JSONTree.int(root["minCell"]) == minCell)

        // Fulfilment: overall, every group, every period.
        let overall = try JSONTree.object(root["overall"])
        var table: [[String: (Any?, ReferenceFigures.Counts)]] = []
        var overallRow: [String: (Any?, ReferenceFigures.Counts)] = [:]
        for role in ["interpreter", "officer", "both"] {
            let expected = reference.counts(role: role)
            try checkCell(overall[role], expected, minCell: minCell, what: "overall \(role)")
            overallRow[role] = (overall[role], expected)
        }
        let groups = try #require(root["groups"] as? [Any]).map { try JSONTree.object($0) }
        for dimension in dimensions where dimension != .role {
            let mine = groups.filter { $0["by"] as? String == dimension.rawValue }
            let keys = mine.compactMap { $0["key"] as? String }
            #expect(keys == keys.sorted(), "groups by \(dimension) are sorted")
            // Every key that a requested preference has is a group.
            let requestKeys = Set(reference.requests.map { reference.key($0, by: dimension.rawValue) })
            #expect(requestKeys.isSubset(of: Set(keys)), "groups by \(dimension)")
            table = []
            for group in mine {
                let key = try #require(group["key"] as? String)
                var row: [String: (Any?, ReferenceFigures.Counts)] = [:]
                for role in ["interpreter", "officer", "both"] {
                    let expected = reference.counts(role: role) { reference.key($0, by: dimension.rawValue) == key }
                    try checkCell(group[role], expected, minCell: minCell, what: "\(dimension) \(key) \(role)")
                    row[role] = (group[role], expected)
                }
                table.append(row)
            }
            checkNoLoneHiddenCell(table, overall: overallRow, what: "\(dimension)")
        }
        for group in groups where group["by"] as? String == "role" {
            let key = try #require(group["key"] as? String)
            try checkCell(group[key], reference.counts(role: key), minCell: minCell, what: "role \(key)")
        }
        let periods = try #require(root["periods"] as? [Any]).map { try JSONTree.object($0) }
        #expect(periods.count == inputs.count)
        table = []
        for period in periods {
            let start = period["start"] as? String
            let input = try #require(inputs.first { ($0.roster?.horizon.start.description ?? $0.plan.assignments.map(\.date).min()?.description) == start })
            let ids = Set(input.plan.assignments.map(\.hearing))
            #expect(try JSONTree.int(period["heldHearings"]) == input.plan.assignments.count)
            #expect(try JSONTree.int(period["unheldHearings"]) == input.plan.unscheduled.count)
            var row: [String: (Any?, ReferenceFigures.Counts)] = [:]
            for role in ["interpreter", "officer", "both"] {
                let expected = reference.counts(role: role) { ids.contains($0.assignment.hearing) }
                try checkCell(period[role], expected, minCell: minCell, what: "period \(start ?? "?") \(role)")
                row[role] = (period[role], expected)
            }
            table.append(row)
        }
        checkNoLoneHiddenCell(table, overall: overallRow, what: "periods")

        // Waiting.
        let waiting = try JSONTree.object(root["waiting"])
        for kind in ["met", "unmet", "none"] {
            let values = reference.waits(kind)
            let entry = try JSONTree.object(waiting[kind])
            if JSONTree.isSuppressed(entry) { continue }
            #expect(values.count >= minCell, "waiting \(kind) shown with \(values.count) hearings")
            #expect(try JSONTree.int(entry["hearings"]) == values.count)
            #expect(try JSONTree.double(entry["medianWaitDays"]) == ReferenceFigures.median(values))
            #expect(try JSONTree.int(entry["p90WaitDays"]) == ReferenceFigures.p90(values))
        }
        let hiddenWaits = ["met", "unmet", "none"].filter { JSONTree.isSuppressed(waiting[$0]) }
        #expect(hiddenWaits.count != 1 || reference.waits(hiddenWaits[0]).isEmpty,
                "one hidden waiting class would follow from the held hearings")

        // Unmet preferences by reason: shown exactly when the role's overall cell is.
        let unmet = try JSONTree.object(root["unmetByReason"])
        for role in ["interpreter", "officer", "both"] {
            #expect(JSONTree.isSuppressed(unmet[role]) == JSONTree.isSuppressed(overall[role]), "unmet \(role)")
            guard !JSONTree.isSuppressed(unmet[role]) else { continue }
            let entry = try JSONTree.object(unmet[role])
            let expected = reference.unmetReasons(role: role)
            let shown = try JSONTree.object(entry["byReason"]).mapValues { try JSONTree.int($0) }
            #expect(shown == expected, "unmet reasons \(role)")
            let counts = reference.counts(role: role)
            #expect(try JSONTree.int(entry["unmet"]) == counts.requested - counts.met)
        }

        // Hearings not held.
        let unheld = try JSONTree.object(root["unheld"])
        #expect(try JSONTree.int(unheld["hearings"]) == inputs.map(\.plan.unscheduled.count).reduce(0, +))
        #expect(try JSONTree.int(unheld["deadlineInHorizon"]) == inputs.flatMap(\.plan.unscheduled).filter(\.deadlineInHorizon).count)
        #expect(try JSONTree.object(unheld["byReason"]).mapValues { try JSONTree.int($0) } == reference.unheldReasons())

        let withRoster = inputs.allSatisfy { $0.roster != nil }
        if withRoster {
            // Deadline-forced: shown when the overall "both" is.
            let forced = try JSONTree.object(root["deadlineForced"])
            #expect(JSONTree.isSuppressed(forced) == JSONTree.isSuppressed(overall["both"]))
            if !JSONTree.isSuppressed(forced) {
                let expected = reference.deadlineForced()
                #expect(try JSONTree.int(forced["hearings"]) == expected.forced)
                #expect(try JSONTree.int(forced["heldWithUnmetPreference"]) == expected.unmet)
            }
            // Interpreters asked for and available.
            let supply = try #require(root["interpreterSupply"] as? [Any]).map { try JSONTree.object($0) }
            let languages = Set(inputs.flatMap { $0.roster!.hearings.map(\.language) })
            #expect(supply.compactMap { $0["language"] as? String } == languages.sorted())
            for line in supply {
                let language = try #require(line["language"] as? String)
                for sex in ["female", "male"] {
                    let side = try JSONTree.object(line[sex])
                    let expected = reference.supply(language: language, sex: sex)
                    let available = try JSONTree.object(side["supply"])
                    #expect(try JSONTree.int(available["interpreters"]) == expected.interpreters, "\(language) \(sex)")
                    #expect(try JSONTree.int(available["dayParts"]) == expected.available, "\(language) \(sex)")
                    if expected.requests < minCell {
                        #expect(JSONTree.isSuppressed(side["demand"]), "\(language) \(sex) demand")
                    } else {
                        let demand = try JSONTree.object(side["demand"])
                        #expect(try JSONTree.int(demand["requests"]) == expected.requests)
                        #expect(try JSONTree.int(demand["dayParts"]) == expected.dayParts)
                    }
                }
            }
        } else {
            #expect(root["deadlineForced"] == nil && root["interpreterSupply"] == nil)
        }

        // Workload.
        let workload = try JSONTree.object(root["workload"])
        for role in ["interpreter", "officer"] {
            let values = reference.hearingsPerPerson(role: role)
            let spread = try JSONTree.object(workload[role])
            #expect(try JSONTree.int(spread["people"]) == values.count)
            #expect(try JSONTree.int(spread["hearings"]) == values.reduce(0, +))
            #expect(try JSONTree.int(spread["min"]) == values.min())
            #expect(try JSONTree.int(spread["max"]) == values.max())
            #expect(try JSONTree.double(spread["median"]) == ReferenceFigures.median(values))
            #expect(abs(try JSONTree.double(spread["gini"]) - ReferenceFigures.gini(values)) <= 0.0005 + 1e-9, "gini \(role)")
            let histogram = try #require(spread["peopleByHearings"] as? [Any]).map { try JSONTree.int($0) }
            #expect(histogram.enumerated().allSatisfy { k, people in values.filter { $0 == k }.count == people })
            #expect(histogram.reduce(0, +) == values.count)
        }

        // No hearing id anywhere, in any format.
        let texts = [String(decoding: json, as: UTF8.self), report.csv(), report.markdown(), report.html()]
        for id in inputs.flatMap({ $0.plan.assignments.map(\.hearing) + $0.plan.unscheduled.map(\.hearing) }) {
            #expect(!texts.contains { $0.contains(id) }, "hearing \(id) appears in a report")
        }
    }

    /// A shown cell carries the reference's numbers; a cell below `minCell` is suppressed.
    func checkCell(_ value: Any?, _ expected: ReferenceFigures.Counts, minCell: Int, what: String) throws {
        if expected.requested < minCell {
            #expect(JSONTree.isSuppressed(value), "\(what): \(expected.requested) requests must be suppressed")
            return
        }
        guard !JSONTree.isSuppressed(value) else { return }  // secondary suppression, checked per table
        let cell = try JSONTree.object(value)
        #expect(try JSONTree.int(cell["requested"]) == expected.requested, "\(what) requested")
        #expect(try JSONTree.int(cell["met"]) == expected.met, "\(what) met")
        let rate = Double(expected.met) / Double(expected.requested)
        #expect(abs(try JSONTree.double(cell["rate"]) - rate) <= 0.0005 + 1e-9, "\(what) rate")
        let interval = try #require(cell["ci95"] as? [Any]).map { try JSONTree.double($0) }
        let (low, high) = ReferenceFigures.wilson(expected.met, expected.requested)
        #expect(interval.count == 2)
        #expect(abs(interval[0] - low) <= 0.0005 + 1e-9 && abs(interval[1] - high) <= 0.0005 + 1e-9, "\(what) ci95 \(interval) vs \(low), \(high)")
    }

    /// Of the additions a reader can form (a group's interpreter + officer = both; the groups add up
    /// to the overall figure), none may have exactly one hidden term that is not 0: it would follow
    /// from the rest. (A hidden 0 may: that nobody in a group asked exposes nobody.)
    func checkNoLoneHiddenCell(_ rows: [[String: (Any?, ReferenceFigures.Counts)]], overall: [String: (Any?, ReferenceFigures.Counts)], what: String) {
        func hidden(_ entry: (Any?, ReferenceFigures.Counts)?) -> Bool { JSONTree.isSuppressed(entry?.0) }
        func hiddenPositive(_ entry: (Any?, ReferenceFigures.Counts)?) -> Bool { hidden(entry) && (entry?.1.requested ?? 0) > 0 }
        for (index, row) in (rows + [overall]).enumerated() {
            let cells = ["interpreter", "officer", "both"].map { row[$0] }
            let count = cells.filter(hidden).count
            #expect(!(count == 1 && cells.contains(where: hiddenPositive)), "\(what) row \(index): a lone hidden cell")
        }
        for role in ["interpreter", "officer", "both"] {
            let cells = rows.map { $0[role] } + [overall[role]]
            let count = cells.filter(hidden).count
            #expect(!(count == 1 && cells.contains(where: hiddenPositive)), "\(what) \(role): a lone hidden cell")
        }
    }
}

import Foundation
import PlannerModel
import TestSupport

/// The report's figures recomputed the plain way, from the plans and rosters, by code that shares
/// nothing with the Reports target: requests and met come from the roster's requests and the
/// assigned people's sex (not from the plan's preference states), the interval from the quadratic
/// it solves, the percentile from its definition, the Gini coefficient from the sorted formula.
struct ReferenceFigures {
    struct Counts: Equatable {
        var requested = 0
        var met = 0
    }

    struct Request {
        let assignment: Assignment
        let hearing: Hearing?
        let horizonEnd: Day?
        let role: String
        let sex: String?
        let met: Bool
    }

    let inputs: [(plan: Plan, roster: Roster?)]
    var requests: [Request] = []
    var held: [(assignment: Assignment, hearing: Hearing?, horizonEnd: Day?)] = []

    init(_ inputs: [(plan: Plan, roster: Roster?)]) {
        self.inputs = inputs
        for (plan, roster) in inputs {
            let hearings = Dictionary(uniqueKeysWithValues: (roster?.hearings ?? []).map { ($0.id, $0) })
            var sexOf: [String: String] = [:]
            for person in roster?.interpreters ?? [] { sexOf[person.id] = person.gender.rawValue }
            for person in roster?.officers ?? [] { sexOf[person.id] = person.gender.rawValue }
            for assignment in plan.assignments {
                let hearing = hearings[assignment.hearing]
                held.append((assignment, hearing, roster?.horizon.end))
                if let hearing {
                    if let wish = hearing.interpreterGender?.rawValue {
                        requests.append(Request(assignment: assignment, hearing: hearing, horizonEnd: roster?.horizon.end, role: "interpreter",
                                                sex: wish, met: sexOf[assignment.interpreter] == wish))
                    }
                    if let wish = hearing.officerGender?.rawValue {
                        requests.append(Request(assignment: assignment, hearing: hearing, horizonEnd: roster?.horizon.end, role: "officer",
                                                sex: wish, met: sexOf[assignment.officer] == wish))
                    }
                } else {
                    for (role, state) in [("interpreter", assignment.interpreterPreference), ("officer", assignment.officerPreference)] where state != .none {
                        requests.append(Request(assignment: assignment, hearing: nil, horizonEnd: nil, role: role, sex: nil, met: state == .met))
                    }
                }
            }
        }
    }

    func counts(role: String, where include: (Request) -> Bool = { _ in true }) -> Counts {
        var counts = Counts()
        for request in requests where include(request) && (role == "both" || request.role == role) {
            counts.requested += 1
            if request.met { counts.met += 1 }
        }
        return counts
    }

    func key(_ request: Request, by dimension: String) -> String {
        switch dimension {
        case "week":
            // Foundation's ISO 8601 calendar, not the model's own week arithmetic.
            var calendar = Calendar(identifier: .iso8601)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let (y, m, d) = request.assignment.date.components
            let date = calendar.date(from: DateComponents(year: y, month: m, day: d))!
            let week = calendar.component(.weekOfYear, from: date)
            return "\(calendar.component(.yearForWeekOfYear, from: date))-W\(week < 10 ? "0" : "")\(week)"
        case "location": return request.assignment.location
        case "language": return request.hearing?.language ?? "?"
        case "priority": return request.hearing?.priority.rawValue ?? "?"
        case "kind": return request.hearing?.kind ?? "unspecified"
        case "sex": return request.sex ?? "?"
        default: return "?"
        }
    }

    /// The Wilson interval as the two roots of (p̂ − p)² = z² p (1 − p) / n.
    static func wilson(_ met: Int, _ n: Int) -> (Double, Double) {
        let z = 1.959963984540054
        let a = Double(n) + z * z
        let b = -(2 * Double(met) + z * z)
        let c = Double(met * met) / Double(n)
        let root = (b * b - 4 * a * c).squareRoot()
        return ((-b - root) / (2 * a), (-b + root) / (2 * a))
    }

    static func median(_ values: [Int]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? Double(sorted[n / 2]) : (Double(sorted[n / 2 - 1]) + Double(sorted[n / 2])) / 2
    }

    /// The smallest value with at least 90 % of the values at or below it.
    static func p90(_ values: [Int]) -> Int {
        let sorted = values.sorted()
        for value in sorted where Double(sorted.filter { $0 <= value }.count) >= 0.9 * Double(sorted.count) { return value }
        return sorted.last!
    }

    /// G = 2 Σ i·x(i) / (n Σ x) − (n + 1) / n over the sorted values, i from 1.
    static func gini(_ values: [Int]) -> Double {
        let sorted = values.sorted()
        let n = Double(sorted.count)
        let total = Double(sorted.reduce(0, +))
        let weighted = sorted.enumerated().reduce(0.0) { $0 + Double($1.offset + 1) * Double($1.element) }
        return 2 * weighted / (n * total) - (n + 1) / n
    }

    func waitClass(_ assignment: Assignment) -> String {
        let mine = requests.filter { $0.assignment.hearing == assignment.hearing }
        if mine.isEmpty { return "none" }
        return mine.allSatisfy(\.met) ? "met" : "unmet"
    }

    func waits(_ kind: String) -> [Int] { held.filter { waitClass($0.assignment) == kind }.map(\.assignment.waitDays) }

    func unmetReasons(role: String) -> [String: Int] {
        var result: [String: Int] = [:]
        for (plan, _) in inputs {
            let heldIDs = Set(plan.assignments.map(\.hearing))
            for unmet in plan.unmetPreferences where heldIDs.contains(unmet.hearing) && (role == "both" || unmet.role.rawValue == role) {
                result[unmet.reason.code.rawValue, default: 0] += 1
            }
        }
        return result
    }

    func unheldReasons() -> [String: Int] {
        var result: [String: Int] = [:]
        for (plan, _) in inputs { for entry in plan.unscheduled { result[entry.reason.code.rawValue, default: 0] += 1 } }
        return result
    }

    /// Held hearings with an unmet preference whose deadline is on or before their horizon's end.
    func deadlineForced() -> (forced: Int, unmet: Int) {
        let unmet = held.filter { waitClass($0.assignment) == "unmet" }
        return (unmet.filter { entry in entry.hearing.map { $0.latest <= entry.horizonEnd! } ?? false }.count, unmet.count)
    }

    /// Per language and sex: requests and their day parts (each hearing once), interpreters and day parts.
    func supply(language: String, sex: String) -> (requests: Int, dayParts: Int, interpreters: Int, available: Int) {
        var hearings: [String: Hearing] = [:]
        var slots: [String: Set<String>] = [:]
        for (_, roster) in inputs {
            guard let roster else { continue }
            for hearing in roster.hearings { hearings[hearing.id] = hearing }
            let calendar = ReferenceCalendar(roster.horizon)
            for person in roster.interpreters where person.gender.rawValue == sex && person.languages.contains(where: { $0.code == language }) {
                for slot in person.available where calendar.isWorkingDayOfHorizon(slot.date) && roster.horizon.slots.contains(slot.part) {
                    slots[person.id, default: []].insert(slot.description)
                }
            }
        }
        let asking = hearings.values.filter { $0.language == language && $0.interpreterGender?.rawValue == sex }
        return (asking.count, asking.map(\.durationSlots).reduce(0, +), slots.filter { !$0.value.isEmpty }.count,
                slots.values.map(\.count).reduce(0, +))
    }

    func hearingsPerPerson(role: String) -> [Int] {
        var counts: [String: Int] = [:]
        for (_, roster) in inputs {
            guard let roster else { continue }
            let calendar = ReferenceCalendar(roster.horizon)
            let people = role == "interpreter" ? roster.interpreters.map { ($0.id, $0.available) } : roster.officers.map { ($0.id, $0.available) }
            for (id, available) in people where available.contains(where: { calendar.isWorkingDayOfHorizon($0.date) && roster.horizon.slots.contains($0.part) }) {
                counts[id] = counts[id] ?? 0
            }
        }
        for entry in held {
            let person = role == "interpreter" ? entry.assignment.interpreter : entry.assignment.officer
            counts[person, default: 0] += 1
        }
        return Array(counts.values)
    }
}

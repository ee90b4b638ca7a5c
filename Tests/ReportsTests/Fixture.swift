import Foundation
import PlannerModel
import TestSupport

/// A small hand-made roster and plan, built in code so that the golden files do not depend on the
/// solver. One week at two locations; Arabic and Tigrinya hearings have enough requests to show,
/// French has exactly 4 (so its group is suppressed), and three hearings are not held.
enum Fixture {
    struct HearingSpec {
        var id: String
        var language: String
        var location: String
        var kind: String
        var priority: Priority = .standard
        var interpreterGender: GenderPreference?
        var officerGender: GenderPreference?
        var earliest: String
        var latest: String
        var durationSlots = 1
        /// `nil` when not held; else the interpreter, officer and the reason of an unmet preference.
        var interpreter: String?
        var officer: String?
        var interpreterReason: Reason.Code?
        var unheldReason: Reason.Code?
        var remote = false
    }

    static let interpreters: [(String, Gender, String, String)] = [
        ("I-1", .female, "ara", "TA"), ("I-2", .female, "ara", "TA"), ("I-3", .male, "ara", "TA"),
        ("I-4", .female, "tir", "ZW"), ("I-5", .male, "tir", "ZW"), ("I-6", .female, "fra", "TA"),
        ("I-7", .male, "fra", "TA"), ("I-8", .male, "ara", "ZW"), ("I-9", .female, "tir", "ZW"),
    ]
    static let officers: [(String, Gender, String)] = [
        ("O-1", .female, "TA"), ("O-2", .male, "TA"), ("O-3", .female, "ZW"), ("O-4", .female, "ZW"),
        ("O-5", .male, "ZW"), ("O-6", .female, "TA"),
    ]

    /// The hearings of one week: `prefix` keeps the ids of two weeks apart, `unmetArabic` says how
    /// many Arabic requests go unmet (three in the first week).
    static func specs(prefix: String = "H", unmetArabic: Int = 3) -> [HearingSpec] {
        var specs: [HearingSpec] = []
        let arabicReasons: [Reason.Code] = [.takenByHigherValue, .deadlineFirst, .outweighed]
        for n in 1...12 {
            let unmet = n > 12 - unmetArabic
            let reason = unmet ? arabicReasons[(n - (12 - unmetArabic) - 1) % 3] : nil
            specs.append(HearingSpec(
                id: "\(prefix)-A\(pad(n))", language: "ara", location: "TA", kind: n % 2 == 1 ? "detailed" : "registration",
                priority: n <= 4 ? .high : .standard, interpreterGender: .female,
                earliest: n <= 6 ? "2026-11-16" : "2026-11-30", latest: reason == .deadlineFirst ? "2026-12-09" : "2027-01-15",
                durationSlots: n == 1 ? 2 : 1,
                interpreter: unmet ? "I-3" : (n % 2 == 1 ? "I-1" : "I-2"), officer: nil, interpreterReason: reason))
        }
        for n in 1...6 {
            specs.append(HearingSpec(
                id: "\(prefix)-T\(pad(n))", language: "tir", location: "ZW", kind: "detailed", priority: n <= 2 ? .high : .standard,
                interpreterGender: .female, officerGender: .female, earliest: "2026-11-23", latest: n == 6 ? "2026-12-11" : "2027-01-22",
                interpreter: n == 6 ? "I-5" : "I-4", officer: n % 2 == 1 ? "O-3" : "O-4",
                interpreterReason: n == 6 ? .noSuchPerson : nil, remote: n == 6))
        }
        for n in 1...4 {
            specs.append(HearingSpec(
                id: "\(prefix)-F\(pad(n))", language: "fra", location: "TA", kind: "dublin", interpreterGender: .female,
                earliest: "2026-12-01", latest: "2027-01-29", interpreter: n == 4 ? "I-7" : "I-6", officer: nil,
                interpreterReason: n == 4 ? .notAvailableInWindow : nil))
        }
        for n in 1...6 {
            let arabic = n <= 3
            specs.append(HearingSpec(
                id: "\(prefix)-N\(pad(n))", language: arabic ? "ara" : "fra", location: arabic ? "ZW" : "TA", kind: "registration",
                earliest: "2026-12-02", latest: "2027-02-05", interpreter: arabic ? "I-8" : "I-7", officer: arabic ? "O-5" : nil))
        }
        specs.append(HearingSpec(id: "\(prefix)-U01", language: "tir", location: "ZW", kind: "detailed", interpreterGender: .female,
                                 earliest: "2026-12-04", latest: "2027-02-12", unheldReason: .deferred))
        specs.append(HearingSpec(id: "\(prefix)-U02", language: "ara", location: "TA", kind: "detailed", interpreterGender: .female,
                                 earliest: "2026-12-04", latest: "2027-02-12", unheldReason: .deferred))
        specs.append(HearingSpec(id: "\(prefix)-U03", language: "ara", location: "TA", kind: "registration",
                                 earliest: "2026-11-09", latest: "2026-12-10", unheldReason: .capacity))
        return specs
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The roster of a week that starts `weekOffset` weeks after Monday 7 December 2026.
    static func roster(_ specs: [HearingSpec], weekOffset: Int = 0) -> Roster {
        let start = Day("2026-12-07")!.adding(days: 7 * weekOffset)
        let horizon = Horizon(start: start, end: start.adding(days: 4))
        let everySlot = (0..<5).flatMap { day in ["AM", "PM"].map { SlotName(date: start.adding(days: day), part: $0) } }
        let shift = { (text: String) in Day(text)!.adding(days: 7 * weekOffset) }
        return Roster(
            horizon: horizon,
            locations: [Location(id: "TA", name: "Ter Apel", rooms: 6), Location(id: "ZW", name: "Zevenaar", rooms: 4)],
            hearings: specs.map { spec in
                Hearing(id: spec.id, kind: spec.kind, language: spec.language, location: spec.location,
                        durationSlots: spec.durationSlots, earliest: shift(spec.earliest), latest: shift(spec.latest),
                        interpreterGender: spec.interpreterGender, officerGender: spec.officerGender, priority: spec.priority)
            },
            interpreters: interpreters.map { id, gender, language, location in
                Interpreter(id: id, gender: gender, languages: [LanguageSkill(code: language)], onsiteLocations: [location],
                            remote: id == "I-5", available: everySlot)
            },
            officers: officers.map { id, gender, location in
                Officer(id: id, gender: gender, location: location, available: everySlot)
            })
    }

    /// A plan for the roster: each held hearing in the first free day part of its interpreter, with
    /// the first free officer of its location (or the one the spec names).
    static func plan(_ specs: [HearingSpec], roster: Roster, version: Int? = nil) -> Plan {
        let calendar = ReferenceCalendar(roster.horizon)
        let slots = calendar.workingDays.flatMap { day in roster.horizon.slots.map { SlotName(date: day, part: $0) } }
        let gender = Dictionary(uniqueKeysWithValues: interpreters.map { ($0.0, $0.1) } + officers.map { ($0.0, $0.1) })
        var busy: [String: Set<SlotName>] = [:]
        var assignments: [Assignment] = []
        var unmet: [UnmetPreference] = []
        var unscheduled: [Unscheduled] = []
        for (spec, hearing) in zip(specs, roster.hearings) {
            guard let interpreter = spec.interpreter else {
                unscheduled.append(Unscheduled(
                    hearing: spec.id, deadlineInHorizon: hearing.latest <= roster.horizon.end,
                    reason: Reason(code: spec.unheldReason ?? .deferred, detail: "Fixture reason.")))
                continue
            }
            let officerIDs = spec.officer.map { [$0] } ?? officers.filter { $0.2 == spec.location }.map(\.0)
            var chosen: (Int, String)?
            search: for (index, slot) in slots.enumerated() where slot.part == "AM" || spec.durationSlots == 1 {
                let run = Array(slots[index..<min(slots.count, index + spec.durationSlots)])
                guard run.count == spec.durationSlots, run.allSatisfy({ $0.date == slot.date }),
                      busy[interpreter, default: []].isDisjoint(with: run)
                else { continue }
                for officer in officerIDs where busy[officer, default: []].isDisjoint(with: run) {
                    chosen = (index, officer)
                    break search
                }
            }
            let (index, officer) = chosen!
            let run = Array(slots[index..<(index + spec.durationSlots)])
            busy[interpreter, default: []].formUnion(run)
            busy[officer, default: []].formUnion(run)
            func state(_ wish: GenderPreference?, _ person: String) -> PreferenceState {
                guard let wish else { return .none }
                return wish.isMet(by: gender[person]!) ? .met : .unmet
            }
            let interpreterState = state(spec.interpreterGender, interpreter)
            let officerState = state(spec.officerGender, officer)
            let date = run[0].date
            assignments.append(Assignment(
                hearing: spec.id, date: date, slot: run[0].part, slots: run, location: spec.location,
                interpreter: interpreter, interpreterMode: spec.remote ? .remote : .onsite, language: spec.language,
                officer: officer, interpreterPreference: interpreterState, officerPreference: officerState,
                delayDays: calendar.wd(max(hearing.earliest, roster.horizon.start), date),
                waitDays: calendar.wd(hearing.earliest, date), score: 10))
            if interpreterState == .unmet, let wish = spec.interpreterGender {
                unmet.append(UnmetPreference(
                    hearing: spec.id, role: .interpreter, requested: wish, assigned: gender[interpreter]!,
                    reason: Reason(code: spec.interpreterReason ?? .outweighed, detail: "Fixture reason for \(spec.id).")))
            }
        }
        var plan = Plan(
            rosterDigest: "sha256:fixture", status: .optimal, objective: Double(assignments.count * 10), bound: nil, gap: 0,
            solver: SolverInfo(name: "fixture", version: "1", seconds: 0), assignments: assignments,
            unmetPreferences: unmet, unscheduled: unscheduled)
        plan.version = version
        return plan
    }

    static let weekOneSpecs = specs()
    static let weekOne = roster(weekOneSpecs)
    static let weekOnePlan = plan(weekOneSpecs, roster: weekOne, version: 3)
    static let weekTwoSpecs = specs(prefix: "G", unmetArabic: 1)
    static let weekTwo = roster(weekTwoSpecs, weekOffset: 1)
    static let weekTwoPlan = plan(weekTwoSpecs, roster: weekTwo)

    /// Every hearing id of both weeks: none may appear in a report.
    static var hearingIDs: [String] { (weekOneSpecs + weekTwoSpecs).map(\.id) }
}

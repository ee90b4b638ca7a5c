import Foundation
import GLPKSolver
import Logging
import Planning
import PlannerModel

/// Small rosters, each built so that the planner gives one reason code, named in the comments.
enum ClaimScenarios {
    static let monday = Day("2026-12-07")!
    static let tuesday = Day("2026-12-08")!
    static let far = Day("2027-06-01")!

    static func slots(_ names: String...) -> [SlotName] { names.map { SlotName($0)! } }
    static let mondayAM = slots("2026-12-07/AM")
    static let everySlot = slots("2026-12-07/AM", "2026-12-07/PM", "2026-12-08/AM", "2026-12-08/PM")

    static func planner() -> Planner {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        return Planner(solver: GLPKSolver(logger: logger), logger: logger)
    }

    static func interpreter(_ id: String, _ gender: Gender, languages: [String] = ["tir"], _ available: [SlotName], remote: Bool = false) -> Interpreter {
        Interpreter(id: id, gender: gender, languages: languages.map { LanguageSkill(code: $0) }, onsiteLocations: ["TA"], remote: remote, available: available)
    }

    static func officer(_ id: String, _ available: [SlotName], gender: Gender = .male) -> Officer {
        Officer(id: id, gender: gender, location: "TA", available: available)
    }

    static func roster(_ hearings: [Hearing], _ interpreters: [Interpreter], _ officers: [Officer], rooms: Int? = nil, end: Day = tuesday) -> Roster {
        Roster(
            horizon: Horizon(start: monday, end: end), locations: [Location(id: "TA", rooms: rooms)], hearings: hearings,
            interpreters: interpreters, officers: officers)
    }

    static func hearing(
        _ id: String, _ language: String = "tir", earliest: Day = monday, latest: Day = far, female: Bool = false,
        fixed: FixedAssignment? = nil
    ) -> Hearing {
        Hearing(
            id: id, language: language, location: "TA", earliest: earliest, latest: latest, interpreterGender: female ? .female : nil,
            remoteInterpreterAllowed: false, fixed: fixed)
    }

    /// A (asks for a woman) and B: every reason of the preference in one of these.
    /// - noSuchPerson: the woman speaks only Amharic.
    static let noSuchPerson = roster(
        [hearing("A", earliest: Day("2026-09-01")!, female: true)],
        [interpreter("F", .female, languages: ["amh"], everySlot), interpreter("M", .male, everySlot)], [officer("O", everySlot)])
    /// - notAvailableInWindow: she is never free in its window.
    static let notAvailable = roster(
        [hearing("A", earliest: Day("2026-09-01")!, female: true)],
        [interpreter("F", .female, []), interpreter("M", .male, everySlot)], [officer("O", everySlot)])
    /// - takenByHigherValue: issue 21's case, 89 as planned against 79 with her.
    static let taken = roster(
        [hearing("A", earliest: Day("2026-09-01")!, female: true), hearing("B", "amh", earliest: Day("2026-11-09")!)],
        [interpreter("F", .female, languages: ["tir", "amh"], mondayAM), interpreter("M", .male, mondayAM)],
        [officer("O1", mondayAM), officer("O2", mondayAM)], end: monday)
    /// - deadlineFirst: the same, with A's deadline on Monday.
    static let deadline = roster(
        [hearing("A", earliest: Day("2026-09-01")!, latest: monday, female: true), hearing("B", "amh", earliest: Day("2026-11-09")!)],
        [interpreter("F", .female, languages: ["tir", "amh"], mondayAM), interpreter("M", .male, mondayAM)],
        [officer("O1", mondayAM), officer("O2", mondayAM)], end: monday)
    /// - outweighed: she is free on Tuesday, but the one officer is B's then: 88 against 78.
    static let outweighed = roster(
        [hearing("A", earliest: Day("2026-09-01")!, female: true), hearing("B", "amh", earliest: Day("2026-11-09")!)],
        [interpreter("F", .female, slots("2026-12-08/AM")), interpreter("M", .male, mondayAM), interpreter("K", .male, languages: ["amh"], slots("2026-12-08/AM"))],
        [officer("O", slots("2026-12-07/AM", "2026-12-08/AM"))])
    /// - fixedByPlanner (person): fixed with M.
    static let fixedPerson = roster(
        [hearing("A", earliest: Day("2026-09-01")!, female: true, fixed: FixedAssignment(date: monday, slot: "AM", interpreter: "M"))],
        [interpreter("F", .female, everySlot), interpreter("M", .male, everySlot)], [officer("O", everySlot)])
    /// - fixedByPlanner (date): fixed on Monday morning; she is free on Tuesday only.
    static let fixedDate = roster(
        [hearing("A", earliest: Day("2026-09-01")!, female: true, fixed: FixedAssignment(date: monday, slot: "AM"))],
        [interpreter("F", .female, slots("2026-12-08/AM")), interpreter("M", .male, everySlot)], [officer("O", everySlot)])

    /// Hearings not held.
    /// - deferred: only a man, and holding it now scores 10 - 20 = -10.
    static let deferred = roster(
        [hearing("A", female: true)], [interpreter("M", .male, everySlot)], [officer("O", everySlot)])
    /// - capacity: five due on Monday, one room, two day parts.
    static let capacity = roster(
        (1...5).map { hearing("H\($0)", latest: monday) }, (1...5).map { interpreter("I\($0)", .male, everySlot) },
        (1...5).map { officer("O\($0)", everySlot) }, rooms: 1, end: monday)
    /// - noSuchPerson: nobody speaks Arabic.
    static let nobody = roster([hearing("A", "ara")], [interpreter("M", .male, everySlot)], [officer("O", everySlot)])
    /// - notAvailableInWindow: the interpreter and the officer are never free at once.
    static let apart = roster(
        [hearing("A")], [interpreter("M", .male, slots("2026-12-07/AM"))], [officer("O", slots("2026-12-07/PM"))])
}

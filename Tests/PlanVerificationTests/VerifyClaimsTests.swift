import Foundation
import Planning
import PlannerModel
import PlanVerification
import Testing

/// Every reason code as the planner gives it passes `verify`; the same plan with that reason's
/// claim falsified does not, and the finding names the reason.
@Suite("verify: the claim behind every reason")
struct VerifyClaimsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var roster: Roster
        var hearing: String
        var code: Reason.Code
        var isUnheld = false
        /// What the falsified reason's finding is filed under, when not the code itself.
        var findingCode: Reason.Code?
        var falsify: @Sendable (inout Reason) -> Void
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "no-such-person, counts", roster: ClaimScenarios.noSuchPerson, hearing: "A", code: .noSuchPerson) {
            $0.counts?["gender"]? += 1
        },
        Case(name: "not-available-in-window, candidates", roster: ClaimScenarios.notAvailable, hearing: "A", code: .notAvailableInWindow) {
            $0.candidatesChecked = 3
        },
        Case(name: "taken-by-higher-value, the hearings holding her", roster: ClaimScenarios.taken, hearing: "A", code: .takenByHigherValue) {
            $0.takenBy = ["A"]
        },
        Case(name: "taken-by-higher-value, the value compared", roster: ClaimScenarios.taken, hearing: "A", code: .takenByHigherValue) {
            $0.alternative?.scoreAsPlanned = 70
        },
        Case(name: "taken-by-higher-value, a way that breaks rule 5", roster: ClaimScenarios.taken, hearing: "A", code: .takenByHigherValue) {
            $0.alternative?.moves = []
            $0.alternative?.scoreAsPlanned = 59
            $0.alternative?.scoreWithPreference = 79
        },
        Case(name: "deadline-first, not when the deadline is later", roster: ClaimScenarios.taken, hearing: "A", code: .takenByHigherValue, findingCode: .deadlineFirst) {
            $0.code = .deadlineFirst
        },
        Case(name: "deadline-first, the hearings holding her", roster: ClaimScenarios.deadline, hearing: "A", code: .deadlineFirst) {
            $0.takenBy = []
        },
        Case(name: "outweighed, free starts", roster: ClaimScenarios.outweighed, hearing: "A", code: .outweighed) {
            $0.counts = ["freeStartsInWindow": 2]
        },
        Case(name: "outweighed, the way's own score", roster: ClaimScenarios.outweighed, hearing: "A", code: .outweighed) {
            $0.alternative?.score = 90
        },
        Case(name: "fixed-by-planner, with a person, called no-such-person", roster: ClaimScenarios.fixedPerson, hearing: "A", code: .fixedByPlanner, findingCode: .noSuchPerson) {
            $0.code = .noSuchPerson
        },
        Case(name: "fixed-by-planner, not fixed", roster: ClaimScenarios.taken, hearing: "A", code: .takenByHigherValue, findingCode: .fixedByPlanner) {
            $0.code = .fixedByPlanner
        },
        Case(name: "fixed-by-planner, by date", roster: ClaimScenarios.fixedDate, hearing: "A", code: .fixedByPlanner) {
            $0.counts?["freeStartsInWindow"] = 2
        },
        Case(name: "frozen, outside a re-plan", roster: ClaimScenarios.taken, hearing: "A", code: .takenByHigherValue, findingCode: .frozen) {
            $0.code = .frozen
        },
        Case(name: "search-stopped, in an optimal plan", roster: ClaimScenarios.taken, hearing: "A", code: .takenByHigherValue, findingCode: .searchStopped) {
            $0.code = .searchStopped
        },
        Case(name: "deferred, the best score now", roster: ClaimScenarios.deferred, hearing: "A", code: .deferred, isUnheld: true) {
            $0.bestScoreNow = -5
        },
        Case(name: "capacity, what ran out", roster: ClaimScenarios.capacity, hearing: "H5", code: .capacity, isUnheld: true) {
            $0.ranOut = ["officers"]
        },
        Case(name: "capacity, not when people are free", roster: ClaimScenarios.deferred, hearing: "A", code: .deferred, isUnheld: true, findingCode: .capacity) {
            $0.code = .capacity
        },
        Case(name: "no-such-person for a hearing, counts", roster: ClaimScenarios.nobody, hearing: "A", code: .noSuchPerson, isUnheld: true) {
            $0.counts?["interpreter.language"] = 1
        },
        Case(name: "not-available-in-window for a hearing, starts", roster: ClaimScenarios.apart, hearing: "A", code: .notAvailableInWindow, isUnheld: true) {
            $0.counts?["windowStarts"] = 9
        },
        Case(name: "search-stopped for a hearing, in an optimal plan", roster: ClaimScenarios.deferred, hearing: "A", code: .deferred, isUnheld: true, findingCode: .searchStopped) {
            $0.code = .searchStopped
        },
        Case(name: "fixed-conflict, in a plan that holds hearings", roster: ClaimScenarios.deferred, hearing: "A", code: .deferred, isUnheld: true, findingCode: .fixedConflict) {
            $0.code = .fixedConflict
        },
        Case(name: "not-planned, in a plan that holds hearings", roster: ClaimScenarios.capacity, hearing: "H5", code: .capacity, isUnheld: true, findingCode: .notPlanned) {
            $0.code = .notPlanned
        },
    ]

    @Test(arguments: cases)
    func thePlannersReasonHoldsAndAFalsifiedOneDoesNot(_ c: Case) throws {
        let plan = try ClaimScenarios.planner().plan(c.roster)
        let report = PlanVerifier(roster: c.roster, plan: plan).verify()
        #expect(report.passed, "\(report.text)")
        var falsified = plan
        if c.isUnheld {
            let k = try #require(plan.unscheduled.firstIndex { $0.hearing == c.hearing }, "\(c.hearing) is held")
            #expect(plan.unscheduled[k].reason.code == c.code, "\(plan.unscheduled[k].reason)")
            c.falsify(&falsified.unscheduled[k].reason)
        } else {
            let k = try #require(plan.unmetPreferences.firstIndex { $0.hearing == c.hearing }, "\(c.hearing) has no unmet preference")
            #expect(plan.unmetPreferences[k].reason.code == c.code, "\(plan.unmetPreferences[k].reason)")
            c.falsify(&falsified.unmetPreferences[k].reason)
        }
        let refused = PlanVerifier(roster: c.roster, plan: falsified).verify()
        #expect(!refused.passed)
        let check = "reason \((c.findingCode ?? c.code).rawValue)"
        #expect(refused.findings.contains { $0.hearing == c.hearing && $0.check == check }, "\(refused.text)")
    }

    /// The alternative of issue 21's case, applied and scored by the verifier itself.
    @Test func theAlternativeIsAppliedAndScored() throws {
        let plan = try ClaimScenarios.planner().plan(ClaimScenarios.taken)
        let report = PlanVerifier(roster: ClaimScenarios.taken, plan: plan).verify()
        #expect(report.checked.alternatives == 1)
        #expect(report.passed)
    }
}

import Foundation
import GLPKSolver
import Locking
import Logging
import Planning
import PlannerModel
import Reports
import Synchronization

@testable import PlannerConsole

/// A backend that keeps everything in memory: the sample week planned once with GLPK, the
/// tokens of a token file that a test may change, and what the console asked it to do.
final class FakeBackend: ConsoleBackend, Sendable {
    static let plannerToken = "hpt_planner-token"
    static let viewerToken = "hpt_viewer-token"

    struct Audit: Sendable, Equatable {
        var holder: String
        var action: String
        var outcome: String
    }

    struct State: Sendable {
        var tokens: [String: ConsoleHolder] = [
            FakeBackend.plannerToken: ConsoleHolder(name: "alice", role: "planner", mayChange: true),
            FakeBackend.viewerToken: ConsoleHolder(name: "victor", role: "viewer", mayChange: false),
        ]
        var plan: ConsolePlan?
        var events: [EventRecord] = []
        var submitted: [Roster] = []
        var audits: [Audit] = []
        var refusals: [Audit] = []
    }

    let state: Locked<State>

    init(withPlan: Bool = true) {
        var state = State()
        if withPlan { state.plan = Fixture.plan }
        self.state = Locked(state)
    }

    var audits: [Audit] { state.withLock { $0.audits } }
    var refusals: [Audit] { state.withLock { $0.refusals } }
    var events: [EventRecord] { state.withLock { $0.events } }
    var submitted: [Roster] { state.withLock { $0.submitted } }

    /// Deletes a token's line, as an operator would in the token file.
    func revoke(_ token: String) { state.withLock { _ = $0.tokens.removeValue(forKey: token) } }

    func holder(ofToken token: String) -> ConsoleHolder? { state.withLock { $0.tokens[token] } }

    func currentPlan() -> ConsolePlan? { state.withLock { $0.plan } }

    func readiness() -> ConsoleReadiness {
        let version = state.withLock { $0.plan?.version }
        return ConsoleReadiness(
            status: version == nil ? .starting : .ready, version: version, reason: nil, pendingEvents: 0, isSolving: false)
    }

    func plan(version: Int) async throws -> ConsolePlanVersion? {
        guard let current = currentPlan(), current.version == version else { return nil }
        return ConsolePlanVersion(
            version: version, plan: current.plan, roster: current.roster, createdAt: current.createdAt, previous: nil)
    }

    func submit(roster: Roster, document: [UInt8], by holder: String) async throws -> RosterSubmission {
        state.withLock { $0.submitted.append(roster) }
        return .planned(version: 2)
    }

    func report(_ events: [EventRecord], by holder: String) async throws -> EventsOutcome {
        guard let roster = currentPlan()?.roster else { return .noRoster }
        switch roster.applying(events) {
        case .failure(let rejection):
            return .rejected(index: rejection.index, reasons: rejection.reasons)
        case .success(let applied):
            state.withLock { $0.events += events }
            return .accepted(ids: applied.applied, skipped: applied.skipped)
        }
    }

    func options(for hearing: String, in plan: ConsolePlan) async throws -> HearingOptions {
        try WhatIf.options(for: hearing, roster: plan.roster, plan: plan.plan)
    }

    func startTradeoff(by holder: String) async throws -> ConsoleTradeoff? { nil }

    func tradeoff(id: String) async -> ConsoleTradeoff? { nil }

    func audit(holder: String, action: String, outcome: String) {
        state.withLock { $0.audits.append(Audit(holder: holder, action: action, outcome: outcome)) }
    }

    func auditRefusal(action: String, outcome: String) {
        state.withLock { $0.refusals.append(Audit(holder: "(none)", action: action, outcome: outcome)) }
    }
}

/// The bundled sample week and its plan, made once.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/sample")

    static let roster: Roster = {
        let bytes = Array(FileManager.default.contents(atPath: folder.appendingPathComponent("roster.json").path) ?? Data())
        guard let roster = RosterJSON.read(bytes).checked().roster else { fatalError("the sample roster does not read") }
        return roster
    }()

    static let plan: ConsolePlan = {
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        let planner = Planner(solver: GLPKSolver(logger: logger), logger: logger)
        guard let plan = try? planner.plan(roster) else { fatalError("the sample week does not plan") }
        return ConsolePlan(version: 1, rosterID: 1, plan: plan, roster: roster, createdAt: Date(timeIntervalSince1970: 1_796_400_000))
    }()

    /// The CSV files of the sample week, by name.
    static func csvFiles() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let csv = folder.appendingPathComponent("csv")
        for name in try FileManager.default.contentsOfDirectory(atPath: csv.path) where name.hasSuffix(".csv") {
            files[name] = Array(try Data(contentsOf: csv.appendingPathComponent(name)))
        }
        return files
    }
}

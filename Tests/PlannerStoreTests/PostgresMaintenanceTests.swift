import Foundation
import Logging
import PlannerModel
import PlannerStore
import PlannerStorePostgres
import Testing
import TestSupport

/// `state erase` and `state prune` on a shared database: they run only while no daemon is
/// connected, and a daemon that read the state before learns that it changed.
@Suite(
    "State commands on PostgreSQL", .serialized,
    .enabled(if: TestPostgres.unavailableReason == nil, "PostgreSQL's server programs are not installed here"))
struct PostgresMaintenanceTests {
    static func open(_ url: String) throws -> PostgresStore {
        try PostgresStore(settings: try PostgresSettings(url: url), logger: Logger(label: "test"))
    }

    @Test("Erasing one applicant's hearing takes it out of every roster, plan and event, and out of the database's files")
    func erase() throws {
        let cluster = try TestPostgres.shared()
        let url = try cluster.newDatabase()
        let store = try Self.open(url)
        try StoreBehaviourTests.fill(store, start: "2026-12-07", end: "2026-12-11", hearings: ["H-KEEP-1", "H-ERASE-2", "H-KEEP-3"])
        try StoreBehaviourTests.fill(store, start: "2026-12-07", end: "2026-12-11", hearings: ["H-ERASE-2", "H-KEEP-4"])
        // A daemon's store, opened before the erasure.
        let daemon = try Self.open(url)
        #expect(try cluster.files(ofDatabase: url).range(of: Data("H-ERASE-2".utf8)) != nil)

        let hold = try store.holdForMaintenance()
        // While the command holds the database, a daemon does not start.
        #expect(throws: StoreError.self) { _ = try Self.open(url) }
        let outcome = try store.erase(hearings: ["H-ERASE-2"], at: StoreFixture.time, actor: "state erase", holding: hold)
        hold.release()
        #expect(outcome == ErasureOutcome(rosters: 2, planVersions: 2, events: 2))
        #expect(try cluster.files(ofDatabase: url).range(of: Data("H-ERASE-2".utf8)) == nil)

        let stored = try #require(try store.plan(version: 1))
        let first = try JSONDecoder().decode(Plan.self, from: Data(stored.document.utf8))
        #expect(first.assignments.map(\.hearing) == ["H-KEEP-1", "H-KEEP-3"])
        #expect(first.unmetPreferences.first?.reason.detail == "The candidate was taken by (erased), worth more.")
        #expect(first.appliedEvents == ["e-H-KEEP-1", "e-H-KEEP-3"])
        let storedRoster = try #require(try store.roster(id: 1))
        let roster = try #require(RosterJSON.read(Array(storedRoster.document.utf8)).checked().roster)
        #expect(roster.hearings.map(\.id) == ["H-KEEP-1", "H-KEEP-3"])
        #expect(try store.events(rosterID: 1).map(\.eventID) == ["e-H-KEEP-1", "e-H-KEEP-3"])
        let check = try store.check()
        #expect(check.isHealthy && check.rosters == 2 && check.planVersions == 2 && check.events == 3, "\(check)")
        let audit = try #require(try store.auditTrail().first)
        #expect(audit.action == "erasure" && audit.outcome == "erased 1 hearing(s) from 2 roster(s), 2 plan version(s), 2 event(s)")

        // The daemon that read the state before may not write what it remembers.
        let refused = #expect(throws: StoreError.self) {
            _ = try daemon.appendEvents([NewEvent(eventID: "e-late", document: "{}")], rosterID: 2, tokenName: "alice", at: StoreFixture.time)
        }
        #expect(refused?.code == .maintenance)
        #expect(try store.events(rosterID: 2).map(\.eventID) == ["e-H-KEEP-4"])
        // A daemon started afresh does.
        _ = try Self.open(url).appendEvents([NewEvent(eventID: "e-late", document: "{}")], rosterID: 2, tokenName: "alice", at: StoreFixture.time)

        let nothing = try store.holdForMaintenance()
        defer { nothing.release() }
        #expect(try store.erase(hearings: ["H-NOBODY"], at: StoreFixture.time, actor: "state erase", holding: nothing).isEmpty)
    }

    @Test("A daemon's session keeps state commands away, naming it; a daemon whose database a command changed stops to start afresh")
    func presence() async throws {
        let url = try TestPostgres.shared().newDatabase()
        let store = try Self.open(url)
        try StoreBehaviourTests.fill(store, start: "2020-01-06", end: "2020-01-10", hearings: ["H-1"])
        let daemon = try Self.open(url)
        let leadership = Leadership(store: daemon, instance: "east", attemptInterval: .milliseconds(100), logger: Logger(label: "test"))
        let session = Task { try await leadership.run { _ in } }
        // A daemon of another database on the same server is not in the way, and not named.
        let elsewhere = Leadership(
            store: try Self.open(try TestPostgres.shared().newDatabase()), instance: "west", attemptInterval: .milliseconds(100),
            logger: Logger(label: "test"))
        let other = Task { try await elsewhere.run { _ in } }
        defer { other.cancel() }
        while !leadership.isConnected || !elsewhere.isConnected { try await Task.sleep(for: .milliseconds(20)) }

        let refusal = #expect(throws: StoreError.self) { _ = try store.holdForMaintenance() }
        #expect(refusal?.code == .locked)
        #expect(refusal?.message.contains("1 hearing-planner daemon(s) are connected to the database (hearing-planner east)") == true, "\(String(describing: refusal))")

        session.cancel()
        try? await session.value
        var hold: MaintenanceHold?
        for _ in 0..<100 where hold == nil {
            hold = try? store.holdForMaintenance()
            if hold == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let held = try #require(hold)
        let pruned = try store.prune(
            horizonsEndedBefore: Day("2021-01-01")!, auditBefore: nil, at: StoreFixture.time, actor: "state prune", holding: held)
        held.release()
        #expect(pruned.rosters == 1)

        // The daemon's session comes back to a database changed under it: it ends, to start afresh.
        let again = Leadership(store: daemon, instance: "east", attemptInterval: .milliseconds(100), logger: Logger(label: "test"))
        let ended = await #expect(throws: StoreError.self) { try await again.run { _ in } }
        #expect(ended?.code == .maintenance)
    }
}

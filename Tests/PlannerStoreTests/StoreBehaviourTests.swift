import Foundation
import Logging
import PlannerModel
import PlannerStore
import PlannerStorePostgres
import Testing
import TestSupport

/// The two stores behind ``PlanningStore``.
enum Engine: String, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// SQLite always; PostgreSQL when a throw-away cluster can be started here (it says why not).
    static let all: [Engine] = {
        if let reason = TestPostgres.unavailableReason {
            FileHandle.standardError.write(Data("PostgreSQL store tests SKIPPED: \(reason)\n".utf8))
            return [.sqlite]
        }
        return [.sqlite, .postgres]
    }()

    /// A new, empty store.
    func store() throws -> any PlanningStore {
        switch self {
        case .sqlite: try AppDatabase.inMemory()
        case .postgres: try PostgresStore(settings: PostgresSettings(url: try TestPostgres.shared().newDatabase()), logger: Logger(label: "test"))
        }
    }
}

/// What every store does the same, run against SQLite and a real PostgreSQL server.
@Suite("The store's behaviour, on SQLite and PostgreSQL")
struct StoreBehaviourTests {
    // Whole seconds: both engines keep them exactly.
    let time = Date(timeIntervalSince1970: 1_796_000_000)

    func roster(_ store: any PlanningStore, _ document: String = "{}") throws -> Int64 {
        try #require(try store.saveRoster(StoredRoster(document: document, digest: "sha256:00", receivedAt: time, tokenName: "alice")).id)
    }

    func plan(_ status: Plan.Status = .optimal) -> Plan {
        Plan(rosterDigest: "sha256:00", status: status, objective: 1, bound: 1, gap: 0, solver: SolverInfo(name: "glpk", version: "5.0", seconds: 0.1))
    }

    @Test("Rosters are stored whole and the newest is the one planned", arguments: Engine.all)
    func rosters(_ engine: Engine) throws {
        let store = try engine.store()
        #expect(try store.latestRoster() == nil)
        #expect(try store.latestRosterID() == nil)
        let document = StoreFixture.roster(start: "2026-12-07", end: "2026-12-11", hearings: ["H-1", "H-2"])
        let first = try roster(store, document)
        let second = try roster(store)
        #expect(second > first)
        #expect(try store.latestRosterID() == second)
        let stored = try #require(try store.roster(id: first))
        #expect(stored == StoredRoster(id: first, document: document, digest: "sha256:00", receivedAt: time, tokenName: "alice"))
        #expect(try store.latestRoster()?.id == second)
        #expect(try store.roster(id: 999) == nil)
    }

    @Test("Appending events is idempotent by event id, per roster, and one transaction", arguments: Engine.all)
    func idempotentEvents(_ engine: Engine) throws {
        let store = try engine.store()
        let id = try roster(store)
        let batch = [NewEvent(eventID: "e-1", document: "{\"a\":1}"), NewEvent(eventID: "e-2", document: "{}")]
        #expect(try store.appendEvents(batch, rosterID: id, tokenName: "alice", at: time) == AppendOutcome(accepted: ["e-1", "e-2"], skipped: []))
        let again = try store.appendEvents(
            batch + [NewEvent(eventID: "e-3", document: "{}"), NewEvent(eventID: "e-3", document: "{}")], rosterID: id, tokenName: "bob", at: time)
        #expect(again == AppendOutcome(accepted: ["e-3"], skipped: ["e-1", "e-2", "e-3"]))
        let stored = try store.events(rosterID: id)
        #expect(stored.map(\.eventID) == ["e-1", "e-2", "e-3"])
        #expect(stored.map(\.tokenName) == ["alice", "alice", "bob"])
        #expect(stored[0].document == "{\"a\":1}")
        #expect(stored.allSatisfy { $0.receivedAt == time && $0.isPending })
        // After a sequence: only what came later.
        #expect(try store.events(rosterID: id, after: try #require(stored[1].sequence)).map(\.eventID) == ["e-3"])
        // Another roster has a log of its own.
        let other = try roster(store)
        #expect(try store.appendEvents(batch, rosterID: other, tokenName: "alice", at: time).accepted == ["e-1", "e-2"])
        // A roster that does not exist: refused, nothing written.
        #expect(throws: StoreError.self) {
            try store.appendEvents([NewEvent(eventID: "e-9", document: "{}")], rosterID: 4242, tokenName: "alice", at: time)
        }
        #expect(try store.events(rosterID: 4242).isEmpty)
    }

    @Test("A batch checked against an older log is refused whole: another writer added events or a roster", arguments: Engine.all)
    func checkedAfter(_ engine: Engine) throws {
        let store = try engine.store()
        let id = try roster(store)
        _ = try store.appendEvents([NewEvent(eventID: "e-1", document: "{}")], rosterID: id, tokenName: "alice", at: time, checkedAfter: 0)
        let seen = try #require(try store.events(rosterID: id).last?.sequence)
        // Checked before e-1 arrived: refused, and nothing of it stored.
        #expect(throws: StoreError.logMoved) {
            try store.appendEvents([NewEvent(eventID: "e-2", document: "{}")], rosterID: id, tokenName: "bob", at: time, checkedAfter: 0)
        }
        #expect(try store.events(rosterID: id).map(\.eventID) == ["e-1"])
        // Checked against the newest log: stored.
        #expect(try store.appendEvents([NewEvent(eventID: "e-2", document: "{}")], rosterID: id, tokenName: "bob", at: time, checkedAfter: seen).accepted == ["e-2"])
        // A newer roster replaced the one the batch was checked against.
        let last = try #require(try store.events(rosterID: id).last?.sequence)
        _ = try roster(store)
        #expect(throws: StoreError.logMoved) {
            try store.appendEvents([NewEvent(eventID: "e-3", document: "{}")], rosterID: id, tokenName: "bob", at: time, checkedAfter: last)
        }
    }

    @Test("Plan versions grow by one, carry their version, mark the events they applied once", arguments: Engine.all)
    func planVersions(_ engine: Engine) throws {
        let store = try engine.store()
        let id = try roster(store)
        _ = try store.appendEvents([NewEvent(eventID: "e-1", document: "{}"), NewEvent(eventID: "e-2", document: "{}")], rosterID: id, tokenName: "alice", at: time)
        #expect(try store.pendingEventCount(rosterID: id) == 2)
        #expect(try store.latestPlanVersion() == nil)
        let v1 = try store.savePlan(plan(), rosterID: id, rosterDocument: "{}", appliedEvents: [], at: time)
        let v2 = try store.savePlan(plan(.feasible), rosterID: id, rosterDocument: "{\"r\":2}", appliedEvents: ["e-1"], at: time)
        #expect((v1.version, v2.version) == (1, 2))
        #expect(v2.status == "feasible")
        #expect(try JSONDecoder().decode(Plan.self, from: Data(v2.document.utf8)).version == 2)
        #expect(try store.plan(version: 2) == v2)
        #expect(try store.events(rosterID: id).map(\.appliedInVersion) == [2, nil])
        #expect(try store.pendingEventCount(rosterID: id) == 1)
        _ = try store.savePlan(plan(), rosterID: id, rosterDocument: "{}", appliedEvents: ["e-1", "e-2"], at: time)
        #expect(try store.events(rosterID: id).map(\.appliedInVersion) == [2, 3])
        #expect(try store.latestPlan()?.version == 3)
        #expect(try store.latestPlanVersion() == 3)
        #expect(try store.planBefore(version: 3)?.version == 2)
        #expect(try store.planBefore(version: 1) == nil)
        #expect(throws: StoreError.self) {
            try store.savePlan(plan(), rosterID: 4242, rosterDocument: "{}", appliedEvents: [], at: time)
        }
        // A roster's first plan has no baseline, even when an older roster has plans.
        let next = try roster(store)
        let first = try store.savePlan(plan(), rosterID: next, rosterDocument: "{}", appliedEvents: [], at: time)
        #expect(first.version == 4)
        #expect(try store.planBefore(version: 4) == nil)
    }

    @Test("Plans stored from many threads at once get distinct versions, one after another", arguments: Engine.all)
    func concurrentVersions(_ engine: Engine) async throws {
        let store = try engine.store()
        let id = try roster(store)
        let plan = plan()
        let time = time
        let versions = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask { try store.savePlan(plan, rosterID: id, rosterDocument: "{}", appliedEvents: [], at: time).version }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(versions.sorted() == Array(1...16))
    }

    @Test("The audit trail keeps its lines, newest first", arguments: Engine.all)
    func audit(_ engine: Engine) throws {
        let store = try engine.store()
        try store.recordAudit(AuditEntry(time: time, tokenName: "alice", action: "POST /v1/rosters", outcome: "201"))
        try store.recordAudit(AuditEntry(time: time, tokenName: "(none)", action: "GET /v1/plans/current", outcome: "401"))
        #expect(try store.auditTrail().map(\.outcome) == ["401", "201"])
        #expect(try store.auditTrail(limit: 1).map(\.tokenName) == ["(none)"])
    }

    @Test("Tokens' last use and calendar feeds", arguments: Engine.all)
    func tokensAndFeeds(_ engine: Engine) throws {
        let store = try engine.store()
        try store.recordTokenUse(name: "alice", at: time)
        try store.recordTokenUse(name: "alice", at: time.addingTimeInterval(60))
        try store.recordTokenUse(name: "bob", at: time)
        #expect(try store.tokenUses() == ["alice": time.addingTimeInterval(60), "bob": time])

        let feed = try store.addFeed(CalendarFeed(person: "I-1", secretHash: "sha256:aa", createdAt: time, createdBy: "alice"))
        let id = try #require(feed.id)
        _ = try store.addFeed(CalendarFeed(person: "O-1", secretHash: "sha256:bb", createdAt: time, createdBy: "alice"))
        #expect(try store.feeds().map(\.person) == ["I-1", "O-1"])
        try store.markFeedUsed(id: id, at: time.addingTimeInterval(5))
        #expect(try store.feed(secretHash: "sha256:aa")?.lastUsedAt == time.addingTimeInterval(5))
        #expect(try store.revokeFeed(id: id))
        #expect(try !store.revokeFeed(id: id))
        #expect(try store.feed(secretHash: "sha256:aa") == nil)
    }

    @Test("Pruning deletes the due horizons with their events and plans, keeps their figures, and audits counts only", arguments: Engine.all)
    func prune(_ engine: Engine) throws {
        let store = try engine.store()
        try Self.fill(store, start: "2026-09-07", end: "2026-09-11", hearings: ["H-OLD-SEPT-1", "H-OLD-SEPT-2"])
        let kept = try Self.fill(store, start: "2026-12-07", end: "2026-12-11", hearings: ["H-DEC-1"])
        try store.recordAudit(AuditEntry(time: StoreFixture.time.addingTimeInterval(-800 * 86_400), tokenName: "alice", action: "old", outcome: "x"))
        let now = Date(timeIntervalSince1970: 1_797_724_800)  // 2026-12-20
        let rule = RetentionRule(days: 90, auditDays: 730)
        let outcome = try store.prune(
            horizonsEndedBefore: rule.cutoff(today: RetentionRule.day(of: now)), auditBefore: rule.auditCutoff(now: now), at: now, actor: "retention")
        #expect(outcome == PruneOutcome(rosters: 1, planVersions: 1, events: 2, auditRows: 1))
        #expect(try store.latestRoster()?.id == kept)
        #expect(try store.plan(version: 1) == nil)
        #expect(try store.plan(version: 2) != nil)
        let figures = try store.retainedFigures()
        #expect(figures.map { [$0.hearings, $0.held, $0.interpreterRequested, $0.interpreterMet, $0.planVersions] } == [[2, 2, 1, 0, 1]])
        #expect(figures.first?.horizonStart == "2026-09-07")
        #expect(figures.first?.horizonEnd == "2026-09-11")
        #expect(figures.first?.prunedAt == now)
        let audit = try #require(try store.auditTrail().first)
        #expect(audit.action == "retention")
        #expect(audit.outcome.contains("1 roster(s), 1 plan version(s), 2 event(s), 1 audit row(s)"))
        #expect(!audit.outcome.contains("H-"))
        #expect(try store.prune(horizonsEndedBefore: rule.cutoff(today: RetentionRule.day(of: now)), auditBefore: nil, at: now, actor: "retention").isEmpty)
        // Plan versions are never reused after a pruning.
        let next = try store.savePlan(plan(), rosterID: kept, rosterDocument: "{}", appliedEvents: [], at: now)
        #expect(next.version == 3)
    }

    /// A roster of `hearings`, an event about each, and a plan that applied them.
    @discardableResult
    static func fill(_ store: any PlanningStore, start: String, end: String, hearings: [String]) throws -> Int64 {
        let document = StoreFixture.roster(start: start, end: end, hearings: hearings)
        let id = try require(try store.saveRoster(StoredRoster(document: document, digest: "sha256:00", receivedAt: StoreFixture.time, tokenName: "alice")).id)
        let events = hearings.map { NewEvent(eventID: "e-\($0)", document: #"{"id": "e-\#($0)", "type": "hearingCancelled", "hearing": "\#($0)"}"#) }
        _ = try store.appendEvents(events, rosterID: id, tokenName: "alice", at: StoreFixture.time)
        _ = try store.savePlan(
            StoreFixture.plan(start: start, hearings: hearings, appliedEvents: events.map(\.eventID)), rosterID: id, rosterDocument: document,
            appliedEvents: events.map(\.eventID), at: StoreFixture.time)
        return id
    }
}

/// What only the PostgreSQL store has: migrations shared by daemons, fencing, an unreachable server.
@Suite("The PostgreSQL store", .enabled(if: TestPostgres.unavailableReason == nil, "PostgreSQL's server programs are not installed here"))
struct PostgresStoreTests {
    @Test("Daemons starting together migrate once; the migrations are the SQLite store's and one more")
    func migrations() async throws {
        let url = try TestPostgres.shared().newDatabase()
        let settings = try PostgresSettings(url: url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = try PostgresStore(settings: settings, logger: Logger(label: "test")) } }
            try await group.waitForAll()
        }
        let store = try PostgresStore(settings: settings, logger: Logger(label: "test"))
        // The SQLite store's, and one of its own (the state commands' generation).
        #expect(try store.appliedMigrations() == AppDatabase.knownMigrations + ["v3-maintenance"])
    }

    @Test("A server that does not answer: the store says so in seconds, naming no data")
    func unreachable() throws {
        let port = try TestPostgres.freePort()
        let started = ContinuousClock.now
        #expect {
            _ = try PostgresStore(settings: PostgresSettings(url: "postgres://planner@127.0.0.1:\(port)/nothing?sslmode=disable"), logger: Logger(label: "test"))
        } throws: { error in
            (error as? StoreError)?.code == .unavailable
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("database.url: what is read from it, and what is refused with a reason")
    func urls() throws {
        let settings = try PostgresSettings(url: "postgresql://planner:s%40cret@db.example.org:6432/plans?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem")
        #expect(settings.host == "db.example.org" && settings.port == 6432 && settings.username == "planner")
        #expect(settings.password == "s@cret" && settings.database == "plans" && settings.tls == .verifyFull)
        #expect(settings.rootCertificateFile == "/etc/ssl/ca.pem")
        #expect(!settings.redacted.contains("cret"))
        #expect(try PostgresSettings(url: "postgres://p@h/d").tls == .prefer)
        for (url, words) in [
            ("mysql://p@h/d", "postgres://"), ("postgres://h/d", "user"), ("postgres://p@h", "database"),
            ("postgres://p@h/d?sslmode=sometimes", "sslmode"), ("postgres://p@h/d?pool=3", "pool"),
        ] {
            #expect { try PostgresSettings(url: url) } throws: { error in "\(error)".contains(words) }
        }
    }
}

import Foundation
import GRDB
import PlannerModel

/// What erasing hearings changed: counts only.
public struct ErasureOutcome: Sendable, Equatable {
    /// Submitted rosters that named one of the hearings, now without it.
    public var rosters = 0
    /// Plan versions whose plan or roster named one of them.
    public var planVersions = 0
    /// Events about one of the hearings, deleted.
    public var events = 0

    public init(rosters: Int = 0, planVersions: Int = 0, events: Int = 0) {
        self.rosters = rosters
        self.planVersions = planVersions
        self.events = events
    }

    public var isEmpty: Bool { rosters == 0 && planVersions == 0 && events == 0 }

    public var summary: String {
        "\(rosters) roster(s), \(planVersions) plan version(s), \(events) event(s)"
    }

    /// The audit trail's line: counts, never the ids.
    public func auditText(hearings: Int) -> String { "erased \(hearings) hearing(s) from \(summary)" }
}

extension AppDatabase {
    /// Erases hearings (one applicant's, say) from every stored roster, plan version and event,
    /// in one transaction (``HearingErasure``), records the erasure in the audit trail as `actor`
    /// with counts and never the ids, and compacts the file so that nothing of them is left in it.
    ///
    /// The daemon must not be running (``StateLock``): it keeps the current plan in memory.
    public func erase(hearings: Set<String>, at time: Date, actor: String) throws -> ErasureOutcome {
        let outcome = try writer.write { db -> ErasureOutcome in
            var outcome = ErasureOutcome()
            let finder = HearingErasure(hearings: hearings)
            var erasedEvents = Set<String>()
            for event in try StoredEvent.fetchAll(db) where finder.isAbout(Array(event.document.utf8)) {
                try event.delete(db)
                erasedEvents.insert(event.eventID)
                outcome.events += 1
            }
            let erasure = HearingErasure(hearings: hearings, erasedEvents: erasedEvents)
            for var roster in try StoredRoster.fetchAll(db) {
                guard let document = try erasure.erasing(roster.document, what: "roster \(roster.id ?? 0)") else { continue }
                roster.document = document
                try roster.update(db)
                outcome.rosters += 1
            }
            for var plan in try StoredPlan.fetchAll(db) {
                let document = try erasure.erasing(plan.document, what: "plan version \(plan.version)")
                let rosterDocument = try erasure.erasing(plan.rosterDocument, what: "plan version \(plan.version)")
                guard document != nil || rosterDocument != nil else { continue }
                plan.document = document ?? plan.document
                plan.rosterDocument = rosterDocument ?? plan.rosterDocument
                try plan.update(db)
                outcome.planVersions += 1
            }
            if !outcome.isEmpty {
                var entry = AuditEntry(time: time, tokenName: actor, action: "erasure", outcome: outcome.auditText(hearings: hearings.count))
                try entry.insert(db)
            }
            return outcome
        }
        if !outcome.isEmpty { try compact() }
        return outcome
    }
}

extension HearingErasure {
    /// `document` without the hearings, or nil when it did not name them; `what` names the
    /// document in the error when it is not JSON (the store is then damaged).
    public func erasing(_ document: String, what: String) throws -> String? {
        guard let result = apply(to: Array(document.utf8)) else {
            throw StoreError(.corrupt, "The stored \(what) is not JSON; nothing was erased.")
        }
        return result.changed ? String(decoding: result.bytes, as: UTF8.self) : nil
    }
}

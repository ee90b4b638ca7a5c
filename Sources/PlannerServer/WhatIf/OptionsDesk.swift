import LinearProgramming
import Locking
import Planning
import PlannerModel
import Synchronization

/// Answers `GET /v1/hearings/{id}/options` from the current plan.
///
/// The plan is laid out for what-if questions once per version (a `WhatIfSnapshot`, made at the
/// first question about it), so that each answer only searches. The search runs on a thread of
/// its own, never on the cooperative pool, and one at a time: a burst of questions queues rather
/// than taking both cores from re-planning.
final class OptionsDesk: Sendable {
    private let snapshot = Locked<(version: Int, snapshot: WhatIfSnapshot)?>(nil)
    private let turns = Turns()

    /// The answer for `hearing` in the current plan `published`; throws `WhatIfError` with code
    /// `unknownHearing` when its roster has no such hearing.
    func options(for hearing: String, in published: PublishedPlan, settings: OptionsSettings) async throws -> HearingOptions {
        await turns.take()
        do {
            let answer = try await SolverThread.run(name: "options", options: SolveOptions()) { [self] _ in
                try laidOut(published).options(for: hearing, settings: settings)
            }
            await turns.release()
            return answer
        } catch {
            await turns.release()
            throw error
        }
    }

    /// The snapshot of `published`, made now unless the last question was about the same version.
    private func laidOut(_ published: PublishedPlan) throws -> WhatIfSnapshot {
        if let kept = snapshot.withLock({ $0 }), kept.version == published.version { return kept.snapshot }
        let made = try WhatIfSnapshot(roster: published.roster, plan: published.plan)
        snapshot.withLock { $0 = (published.version, made) }
        return made
    }

    /// One computation at a time, first come first served.
    private actor Turns {
        private var isTaken = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func take() async {
            guard isTaken else {
                isTaken = true
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            if waiting.isEmpty { isTaken = false } else { waiting.removeFirst().resume() }
        }
    }
}

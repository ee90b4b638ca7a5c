import Testing

@testable import PlannerServer

@Suite("When to re-plan")
struct ReplanScheduleTests {
    let t0 = ContinuousClock.now

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { t0 + .milliseconds(milliseconds) }

    @Test("Nothing to do without a change")
    func idle() {
        var schedule = ReplanSchedule(debounce: .milliseconds(500))
        #expect(schedule.next(at: at(0)) == .idle)
        #expect(!schedule.hasWaitingChanges)
    }

    @Test("Changes close together are coalesced into one solve, debounce after the last")
    func coalesces() {
        var schedule = ReplanSchedule(debounce: .milliseconds(500))
        schedule.changeArrived(at: at(0))
        #expect(schedule.next(at: at(0)) == .wait(until: at(500)))
        schedule.changeArrived(at: at(300))
        #expect(schedule.next(at: at(300)) == .wait(until: at(800)))
        #expect(schedule.next(at: at(799)) == .wait(until: at(800)))
        #expect(schedule.next(at: at(800)) == .solve)
        #expect(schedule.isSolving)
        #expect(schedule.next(at: at(900)) == .idle)
    }

    @Test("A steady trickle of changes is planned no later than maxDelay after the first")
    func maxDelay() {
        var schedule = ReplanSchedule(debounce: .milliseconds(500), maxDelay: .milliseconds(1200))
        for t in stride(from: 0, to: 1200, by: 400) {
            schedule.changeArrived(at: at(t))
            #expect(schedule.next(at: at(t)) == .wait(until: at(min(t + 500, 1200))))
        }
        schedule.changeArrived(at: at(1200))
        #expect(schedule.next(at: at(1200)) == .solve)
    }

    @Test("A new roster is urgent: it starts a solve at once")
    func urgent() {
        var schedule = ReplanSchedule(debounce: .milliseconds(500))
        schedule.changeArrived(at: at(10), urgent: true)
        #expect(schedule.next(at: at(10)) == .solve)
    }

    @Test("One solve at a time: changes during a solve wait for it, then run at once if their debounce passed")
    func oneAtATime() {
        var schedule = ReplanSchedule(debounce: .milliseconds(500))
        schedule.changeArrived(at: at(0), urgent: true)
        #expect(schedule.next(at: at(0)) == .solve)
        schedule.changeArrived(at: at(100))
        #expect(schedule.next(at: at(100)) == .idle)
        schedule.changeArrived(at: at(2000))
        #expect(schedule.next(at: at(2000)) == .idle)
        #expect(schedule.solveFinished(at: at(2200), succeeded: true) == .wait(until: at(2500)))
        #expect(schedule.next(at: at(2500)) == .solve)
        #expect(schedule.solveFinished(at: at(4000), succeeded: true) == .idle)
    }

    @Test("After a solve without a plan the schedule retries later, or sooner when a change arrives")
    func retry() {
        var schedule = ReplanSchedule(debounce: .milliseconds(500), retryDelay: .seconds(60))
        schedule.changeArrived(at: at(0), urgent: true)
        #expect(schedule.next(at: at(0)) == .solve)
        #expect(schedule.solveFinished(at: at(1000), succeeded: false) == .wait(until: at(61_000)))
        schedule.changeArrived(at: at(2000))
        #expect(schedule.next(at: at(2000)) == .wait(until: at(2500)))
        #expect(schedule.next(at: at(2500)) == .solve)
        #expect(schedule.solveFinished(at: at(3000), succeeded: true) == .idle)
    }
}

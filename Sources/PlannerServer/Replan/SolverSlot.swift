import LinearProgramming

/// The one solve the service runs at a time, shared by re-planning and tradeoff sweeps.
///
/// Two GLPK solves at once on a two-core machine would each run at about half speed, and a
/// change would wait longer for its plan. So they take turns, re-planning first: a sweep holds
/// the slot for one point at a time, and a re-plan that is due waits at most for the point in
/// progress (a share of the sweep's time limit, itself at most the solve time limit).
actor SolverSlot {
    enum Claimant: Sendable {
        case replan, sweep
    }

    private var isTaken = false
    private var replans: [CheckedContinuation<Void, Never>] = []
    private var sweeps: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` once the slot is free (re-plans before sweeps), and frees it after.
    nonisolated func using<T: Sendable>(for claimant: Claimant, _ body: @Sendable () async -> T) async -> T {
        await take(for: claimant)
        let result = await body()
        await release()
        return result
    }

    private func take(for claimant: Claimant) async {
        guard isTaken else {
            isTaken = true
            return
        }
        await withCheckedContinuation { waiter in
            switch claimant {
            case .replan: replans.append(waiter)
            case .sweep: sweeps.append(waiter)
            }
        }
    }

    /// Hands the slot to the first re-plan waiting, else the first sweep, else frees it.
    private func release() {
        if !replans.isEmpty {
            replans.removeFirst().resume()
        } else if !sweeps.isEmpty {
            sweeps.removeFirst().resume()
        } else {
            isTaken = false
        }
    }
}

/// How re-plans and sweeps solve: take the slot, run the work on a solver thread of its own
/// (cancelled with the awaiting task), let the engine clean up after the thread, free the slot.
struct SolverRunner: Sendable {
    let slot: SolverSlot
    let engine: PlanningEngine

    /// The work's outcome and the time it ran, without the wait for the slot.
    func run<T: Sendable>(
        for claimant: SolverSlot.Claimant, thread name: String,
        _ work: @escaping @Sendable (_ engine: PlanningEngine, _ cancellation: CancellationToken?) throws -> T
    ) async -> (outcome: Result<T, any Error>, elapsed: Duration) {
        let engine = engine
        return await slot.using(for: claimant) {
            let started = ContinuousClock.now
            let outcome: Result<T, any Error>
            do {
                outcome = .success(try await SolverThread.run(name: name, options: SolveOptions()) { options in
                    defer { engine.threadFinished() }
                    return try work(engine, options.cancellation)
                })
            } catch {
                outcome = .failure(error)
            }
            return (outcome, ContinuousClock.now - started)
        }
    }
}

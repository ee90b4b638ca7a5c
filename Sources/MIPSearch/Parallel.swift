import Dispatch
import Foundation

/// Work split over the machine's cores, for the parts of planning where each item is independent
/// of the others (a hearing's starts, an unheld hearing's evidence). Results come back in the
/// order of the items, whatever the number of threads, so that plans do not depend on it.
public enum Parallel {
    /// The cores this process may use.
    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `work(i)` for each `i` in `0..<count`, in contiguous runs shared out among the cores
    /// (`threads` sets how many runs: 8 per thread; 1 works on the calling thread alone).
    public static func map<T: Sendable>(_ count: Int, threads: Int = cores, _ work: @Sendable (Int) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        // Several runs per thread, so that a run of costly items is shared out.
        let runs = min(count, max(1, threads) == 1 ? 1 : threads * 8)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer  // each item is written by exactly one run
            if runs <= 1 {
                for i in 0..<count { buffer[i] = work(i) }
                return
            }
            DispatchQueue.concurrentPerform(iterations: runs) { run in
                for i in (run * count / runs)..<((run + 1) * count / runs) { buffer[i] = work(i) }
            }
        }
        return results.map { $0! }
    }
}

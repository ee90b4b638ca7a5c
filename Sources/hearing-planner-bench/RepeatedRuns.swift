import Foundation

/// A child process run several times, with what was read from each run.
struct RepeatedRuns<Detail> {
    struct Run {
        var outcome: ChildOutcome
        /// What was read from this run's output.
        var detail: Detail
    }

    var runs: [Run] = []
    /// Why the child could not be started, if it could not.
    var startError: String?

    /// Runs `child` `count` times; `prepare` runs before each run (to remove old output),
    /// `inspect` after it, to read what the run wrote.
    static func measure(
        _ child: ChildProcess, count: Int, label: String,
        prepare: () -> Void = {}, inspect: (ChildOutcome) -> Detail
    ) -> RepeatedRuns {
        var result = RepeatedRuns()
        for run in 1...count {
            note("\(label): run \(run) of \(count)")
            prepare()
            do {
                let outcome = try child.run()
                result.runs.append(Run(outcome: outcome, detail: inspect(outcome)))
            } catch {
                result.startError = "\(error)"
                break
            }
        }
        return result
    }

    var medianSeconds: Double? { Median.of(runs.map(\.outcome.wallSeconds)) }

    /// The largest peak memory of all runs.
    var peak: PeakMemory? { runs.map(\.outcome.peak).max() }

    /// The run whose wall time is the median, whose other figures stand for all runs.
    var medianRun: Run? {
        Median.index(of: runs.map(\.outcome.wallSeconds)).map { runs[$0] }
    }

    /// `failed: exit 4` when a run did not succeed (with how many, when not all of them), or nil.
    var failure: String? {
        if let startError { return "failed: \(startError)" }
        let failed = runs.filter { !$0.outcome.isSuccess }
        guard let first = failed.first else { return nil }
        let text = "failed: \(first.outcome.termination)"
        return failed.count == runs.count ? text : text + " (\(failed.count) of \(runs.count) runs)"
    }
}

/// A progress line on standard error, so that standard output holds only the figures.
func note(_ text: String) {
    FileHandle.standardError.write(Data("· \(text)\n".utf8))
}

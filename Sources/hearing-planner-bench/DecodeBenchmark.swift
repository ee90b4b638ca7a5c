import Foundation
import PlannerModel
import SyntheticRosters

/// Section `decode`: reading and validating a month-long roster of 10,000 hearings, as a JSON file
/// and as a CSV folder, in this process and through `hearing-planner validate`.
struct DecodeBenchmark {
    static let hearings = 10_000
    static let weeks = 4
    static let seed: UInt64 = 1
    /// What a planner should wait at most before the summary appears.
    static let targetSeconds = 2.0

    var binary: String
    var runs: Int
    var folder: URL

    /// The figures of one input form.
    struct Figures: Codable, Sendable {
        /// `json` or `csv`.
        var input: String
        var hearings: Int
        var bytes: Int
        var files: Int
        /// Median seconds of decoding and validating the bytes in this process.
        var decodeSeconds: Double?
        /// Errors the in-process check found; 0 for a generated roster.
        var errors: Int?
        /// Median wall seconds of `hearing-planner validate`, a child process.
        var validateSeconds: Double?
        /// The largest peak memory of the `validate` runs.
        var validatePeak: PeakMemory?
        var targetSeconds: Double
        var failure: String?

        var isWithinTarget: Bool? {
            (validateSeconds ?? decodeSeconds).map { $0 < targetSeconds }
        }
    }

    func run() -> [Figures] {
        note("decode: generating \(Self.hearings) hearings over \(Self.weeks) weeks (seed \(Self.seed))")
        let roster = RosterGenerator(hearings: Self.hearings, weeks: Self.weeks, seed: Self.seed).generate()
        var inputs = [json(roster), csv(roster)]
        // The children first, while this process is smallest: its size leaks into their peaks.
        for index in inputs.indices {
            guard let path = inputs[index].path else { continue }
            measureValidate(path, label: "decode: validate \(inputs[index].name)", into: &inputs[index].figures)
        }
        for index in inputs.indices {
            guard let decode = inputs[index].decode else { continue }
            (inputs[index].figures.decodeSeconds, inputs[index].figures.errors) =
                timeInProcess(label: "decode: \(inputs[index].name) in-process", decode)
            if inputs[index].figures.failure == nil, let errors = inputs[index].figures.errors, errors > 0 {
                inputs[index].figures.failure = "failed: the generated roster has \(errors) error(s)"
            }
        }
        return inputs.map(\.figures)
    }

    /// A roster written in one form, and how to decode it in this process; no path when it could
    /// not be written (the figures say why).
    private struct Input {
        var name: String
        var figures: Figures
        var path: URL?
        var decode: (() -> CheckedRoster)?
    }

    private func json(_ roster: Roster) -> Input {
        var input = Input(name: "JSON", figures: Figures(
            input: "json", hearings: roster.hearings.count, bytes: 0, files: 1, targetSeconds: Self.targetSeconds))
        let path = folder.appendingPathComponent("roster.json")
        do {
            let bytes = try RosterJSON.write(roster)
            try Data(bytes).write(to: path)
            input.figures.bytes = bytes.count
            input.path = path
            input.decode = { RosterJSON.read(bytes).checked() }
        } catch {
            input.figures.failure = "failed: cannot write the roster: \(error)"
        }
        return input
    }

    private func csv(_ roster: Roster) -> Input {
        var input = Input(name: "CSV", figures: Figures(
            input: "csv", hearings: roster.hearings.count, bytes: 0, files: 0, targetSeconds: Self.targetSeconds))
        let path = folder.appendingPathComponent("roster-csv")
        do {
            let files = try RosterCSV.write(roster)
            try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
            for (name, bytes) in files {
                try Data(bytes).write(to: path.appendingPathComponent(name))
            }
            input.figures.bytes = files.values.reduce(0) { $0 + $1.count }
            input.figures.files = files.count
            input.path = path
            input.decode = { RosterCSV.read(files: files).checked() }
        } catch {
            input.figures.failure = "failed: cannot write the roster: \(error)"
        }
        return input
    }

    /// The median time of `decode` over the runs, and the errors it found.
    private func timeInProcess(label: String, _ decode: () -> CheckedRoster) -> (Double?, Int?) {
        let clock = ContinuousClock()
        var seconds: [Double] = []
        var errors: Int?
        for run in 1...runs {
            note("\(label): run \(run) of \(runs)")
            let started = clock.now
            let checked = decode()
            seconds.append((clock.now - started).seconds)
            errors = checked.errors.count
        }
        return (Median.of(seconds), errors)
    }

    private func measureValidate(_ roster: URL, label: String, into figures: inout Figures) {
        let child = ChildProcess(
            executable: binary, arguments: ["validate", roster.path], timeout: .seconds(600), scratchFolder: folder)
        let runs = RepeatedRuns<Void>.measure(child, count: runs, label: label) { _ in }
        figures.validateSeconds = runs.medianSeconds
        figures.validatePeak = runs.peak
        figures.failure = runs.failure
    }

    static func table(_ figures: [Figures]) -> TextTable {
        var table = TextTable([
            .left("input"), .right("hearings"), .right("files"), .right("MB"), .right("decode s"),
            .right("validate s"), .right("peak MiB"), .left("target"),
        ])
        for row in figures {
            let target = row.isWithinTarget.map { $0 ? "under \(Int(row.targetSeconds)) s: met" : "under \(Int(row.targetSeconds)) s: MISSED" }
            table.append([
                row.input == "json" ? "JSON file" : "CSV folder", Format.count(row.hearings), Format.count(row.files),
                Format.megabytes(bytes: row.bytes), Format.seconds(row.decodeSeconds), Format.seconds(row.validateSeconds),
                Format.mebibytes(row.validatePeak), row.failure ?? target ?? "-",
            ])
        }
        return table
    }
}

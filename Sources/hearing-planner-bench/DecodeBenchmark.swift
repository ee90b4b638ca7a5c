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
        var validatePeakKiB: Int?
        var targetSeconds: Double
        var failure: String?

        var isWithinTarget: Bool? {
            (validateSeconds ?? decodeSeconds).map { $0 < targetSeconds }
        }
    }

    func run() -> [Figures] {
        note("decode: generating \(Self.hearings) hearings over \(Self.weeks) weeks (seed \(Self.seed))")
        let roster = RosterGenerator(hearings: Self.hearings, weeks: Self.weeks, seed: Self.seed).generate()
        return [json(roster), csv(roster)]
    }

    private func json(_ roster: Roster) -> Figures {
        var figures = Figures(
            input: "json", hearings: roster.hearings.count, bytes: 0, files: 1, targetSeconds: Self.targetSeconds)
        let path = folder.appendingPathComponent("roster.json")
        let bytes: [UInt8]
        do {
            bytes = try RosterJSON.write(roster)
            try Data(bytes).write(to: path)
        } catch {
            figures.failure = "failed: cannot write the roster: \(error)"
            return figures
        }
        figures.bytes = bytes.count
        (figures.decodeSeconds, figures.errors) = timeInProcess(label: "decode: JSON in-process") {
            RosterJSON.read(bytes).checked()
        }
        measureValidate(path, label: "decode: validate JSON", into: &figures)
        return figures
    }

    private func csv(_ roster: Roster) -> Figures {
        var figures = Figures(
            input: "csv", hearings: roster.hearings.count, bytes: 0, files: 0, targetSeconds: Self.targetSeconds)
        let csvFolder = folder.appendingPathComponent("roster-csv")
        let files: [String: [UInt8]]
        do {
            files = try RosterCSV.write(roster)
            try FileManager.default.createDirectory(at: csvFolder, withIntermediateDirectories: true)
            for (name, bytes) in files {
                try Data(bytes).write(to: csvFolder.appendingPathComponent(name))
            }
        } catch {
            figures.failure = "failed: cannot write the roster: \(error)"
            return figures
        }
        figures.bytes = files.values.reduce(0) { $0 + $1.count }
        figures.files = files.count
        (figures.decodeSeconds, figures.errors) = timeInProcess(label: "decode: CSV in-process") {
            RosterCSV.read(files: files).checked()
        }
        measureValidate(csvFolder, label: "decode: validate CSV", into: &figures)
        return figures
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
        figures.validatePeakKiB = runs.peakKiB
        if let failure = runs.failure {
            figures.failure = failure
        } else if let errors = figures.errors, errors > 0 {
            figures.failure = "failed: the generated roster has \(errors) error(s)"
        }
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
                Format.mebibytes(kibibytes: row.validatePeakKiB), row.failure ?? target ?? "-",
            ])
        }
        return table
    }
}

import Foundation
import PlannerModel
import SyntheticRosters

/// Section `techniques`: what each search technique that `plan` can switch off contributes, on
/// the 200-hearing week (seed 1), the largest one every variant proves optimal within minutes.
/// Each variant is `plan` with some flags; the table gives its median time and its ratio to the
/// planner as shipped, measured in the same run.
struct TechniqueBenchmark {
    static let hearings = 200
    static let seed: UInt64 = 1

    /// A way of running `plan`, by its flags.
    struct Variant: Sendable {
        var name: String
        var arguments: [String]
    }

    static let variants = [
        Variant(name: "as shipped (every cut, pseudo-cost branching)", arguments: []),
        Variant(name: "without zero-half cuts", arguments: ["--cuts", "gomory,mir,cover,clique"]),
        Variant(name: "without GLPK's cuts", arguments: ["--cuts", "zero-half"]),
        Variant(name: "without any cuts", arguments: ["--cuts", "none"]),
        Variant(name: "GLPK's default branching", arguments: ["--branching", "default"]),
    ]

    var binary: String
    var runs: Int
    var timeLimit: Double
    var folder: URL

    struct Figures: Codable, Sendable {
        var variant: String
        var flags: String
        var seconds: Double?
        var status: String?
        var objective: Double?
        var gap: Double?
        /// Median seconds over the as-shipped variant's.
        var ratio: Double?
        var failure: String?
    }

    func run() -> [Figures] {
        let rosterFolder = folder.appendingPathComponent("techniques")
        defer { try? FileManager.default.removeItem(at: rosterFolder) }
        let roster = rosterFolder.appendingPathComponent("roster.json")
        do {
            note("techniques: generating \(Self.hearings) hearings (seed \(Self.seed))")
            let generated = RosterGenerator(hearings: Self.hearings, weeks: 1, seed: Self.seed).generate()
            try FileManager.default.createDirectory(at: rosterFolder, withIntermediateDirectories: true)
            try Data(try RosterJSON.write(generated)).write(to: roster)
        } catch {
            return [Figures(variant: "-", flags: "", failure: "failed: cannot write the roster: \(error)")]
        }
        let plan = rosterFolder.appendingPathComponent("plan.json")
        var figures = Self.variants.map { variant in
            let child = ChildProcess(
                executable: binary,
                arguments: ["plan", roster.path, "-o", plan.path, "--time-limit", "\(timeLimit)"] + variant.arguments,
                timeout: ReferenceSolvers.timeout(timeLimit), scratchFolder: rosterFolder)
            let runs = RepeatedRuns<PlanRun>.measure(
                child, count: runs, label: "techniques: \(variant.name)",
                prepare: { try? FileManager.default.removeItem(at: plan) },
                inspect: { PlanRun(log: $0.standardError, plan: plan) })
            let document = runs.medianRun?.detail.document
            return Figures(
                variant: variant.name, flags: variant.arguments.joined(separator: " "), seconds: runs.medianSeconds,
                status: document?.status, objective: document?.objective, gap: document?.gap, failure: runs.failure)
        }
        if let reference = figures.first?.seconds, reference > 0 {
            for index in figures.indices { figures[index].ratio = figures[index].seconds.map { $0 / reference } }
        }
        return figures
    }

    static func table(_ figures: [Figures]) -> TextTable {
        var table = TextTable([
            .left("variant"), .left("flags"), .right("seconds"), .left("status"), .right("objective"), .right("gap"),
            .right("/shipped"),
        ])
        for row in figures {
            let status = [row.failure, row.status].compactMap { $0 }.joined(separator: ", ")
            table.append([
                row.variant, row.flags.isEmpty ? "-" : row.flags, Format.seconds(row.seconds), status.isEmpty ? "-" : status,
                ["optimal", "feasible"].contains(row.status) ? Format.number(row.objective) : "-",
                Format.gap(row.gap), Format.ratio(row.ratio),
            ])
        }
        return table
    }
}

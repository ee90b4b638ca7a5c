import ArgumentParser
import Foundation
import GLPKSolver
import LinearProgramming
import Planning
import PlannerModel
import Reports

struct TradeoffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tradeoff",
        abstract: "Plan a roster once per preference penalty: what honouring more preferences costs in waiting.",
        discussion: """
            Each penalty P sets the standard-priority preference penalty to P and the high-priority one \
            to P times the roster's ratio of the two; every other weight stays the roster's own, and the \
            roster's own penalty is always one of the points. Each plan starts from the previous one. \
            Reports per penalty: preferences requested and met per role, hearings held and deferred, the \
            median and 90th-percentile wait of held hearings, and each plan's status and gap. \
            Counts only, never a hearing id. See docs/whatif.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, json, csv
    }

    @Argument(help: "The roster: a JSON file or a CSV folder.")
    var roster: String

    @Option(help: "Comma-separated standard-priority preference penalties.")
    var penalties: String = TradeoffSweep.defaultPenalties.map { $0.decimalText }.joined(separator: ",")

    @Option(help: "html, json or csv (default: from the output file's extension, else csv).")
    var format: Format?

    @Option(name: .shortAndLong, help: "Write to this file; standard output otherwise.")
    var output: String?

    @Option(help: "Seconds for the whole sweep, shared out over the penalties; each plan reports its gap.")
    var timeLimit: Double?

    @Option(help: "Stop each plan once it is proven within this relative gap of the best (default 0: optimal).")
    var gap: Double = 0

    @Flag(help: "Log the solver's progress and details to standard error.")
    var verbose = false

    func validate() throws {
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be a positive number of seconds.") }
        if !(gap >= 0) { throw ValidationError("--gap must be 0 or more.") }
        _ = try parsedPenalties()
    }

    func parsedPenalties() throws -> [Double] {
        let values = penalties.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 }) else {
            throw ValidationError("--penalties must be numbers of 0 or more separated by commas, such as 0,10,20,40,60,120.")
        }
        return values.compactMap { $0 }
    }

    func run() throws {
        let valid = try RosterLoader.read(roster)
        let logger = LogSetup.makeLogger(verbose: verbose)
        let planner = Planner(solver: GLPKSolver(logger: logger), logger: logger)
        let sweep = TradeoffSweep(penalties: try parsedPenalties())
        let limit: Duration? = timeLimit.map { .milliseconds(Int64($0 * 1000)) }
        let points: [TradeoffSweep.Point]
        do {
            points = try sweep.run(
                valid, planner: planner, timeLimit: limit, options: PlanningOptions(relativeGap: gap),
                progress: { point in
                    printError("penalty \(point.standardPenalty.decimalText): \(point.plan.status.rawValue)"
                        + (point.plan.gap.map { $0 > 0 ? ", gap \(String(format: "%.1e", $0))" : "" } ?? "")
                        + ", \(String(format: "%.1f", point.plan.solver.seconds)) s" + (point.isWarmStarted ? ", warm start" : ""))
                })
        } catch let error as WhatIfError {
            throw ValidationError(error.description)
        }
        let report = TradeoffReport(
            roster: valid,
            points: points.map {
                .init(standardPenalty: $0.standardPenalty, highPenalty: $0.highPenalty, isCurrentPolicy: $0.isCurrentPolicy,
                      isWarmStarted: $0.isWarmStarted, plan: $0.plan)
            },
            ratio: TradeoffSweep.highPenalty(for: 1, policy: valid.policy))
        let chosen = format ?? output.flatMap { Format(rawValue: (($0 as NSString).pathExtension).lowercased()) } ?? .csv
        let bytes: [UInt8] = switch chosen {
        case .html: Array(report.html().utf8)
        case .json: try report.json()
        case .csv: Array(report.csv().utf8)
        }
        if let output {
            try RosterFiles.write(bytes, to: output)
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}

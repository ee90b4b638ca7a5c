import ArgumentParser
import Foundation
import GLPKSolver
import LinearProgramming
import Logging
import Planning
import PlannerModel

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a roster: the best score of the scheduling model, solved with GLPK.",
        discussion: """
            Exit codes: 0 a plan (optimal or feasible, with its gap); 2 an invalid roster; \
            3 fixed hearings that cannot be held as fixed (named); 4 the time limit passed before any plan.
            """)

    @Argument(help: "The roster: a JSON file or a CSV folder.")
    var roster: String

    @Option(name: .shortAndLong, help: "Write the plan (plan@1 JSON) to this file.")
    var output: String?

    @Option(help: "A JSON file of policy weights (the fields of a roster's policy); each field given replaces the roster's.")
    var policy: String?

    @Option(help: "Stop searching after this many seconds and return the best plan found, with its gap.")
    var timeLimit: Double?

    @Option(help: "Stop once the plan is proven within this relative gap of the best (default 0: optimal).")
    var gap: Double = 0

    @Option(help: "Also write the mixed-integer program (.lp for CPLEX LP, .mps for MPS).")
    var exportModel: String?

    @Option(help: ArgumentHelp(
        "How branch and cut chooses where to branch, when the search needs it.",
        discussion: "pseudo-cost (default; on programs above 60,000 nonzeros GLPK's default, as pseudo-cost's start-up ignores the time limit), default (GLPK's Driebeck-Tomlin), most-fractional, first-fractional."))
    var branching: String = "pseudo-cost"

    @Option(help: "The cutting planes the search may add: all (default), none, or a comma list of gomory, mir, cover, clique (GLPK's, in branch and cut) and zero-half (the planner's own, on the relaxation first).")
    var cuts: String = "all"

    @Flag(help: "Log the solver's progress and details to standard error.")
    var verbose = false

    static func branchingRule(_ text: String) throws -> BranchingRule {
        switch text {
        case "pseudo-cost": .pseudoCost
        case "default": .solverDefault
        case "most-fractional": .mostFractional
        case "first-fractional": .firstFractional
        default: throw ValidationError("--branching must be pseudo-cost, default, most-fractional or first-fractional, not \"\(text)\".")
        }
    }

    static func cutFamilies(_ text: String) throws -> CutFamilies {
        if text == "all" { return .all }
        if text == "none" { return [] }
        var families: CutFamilies = []
        for name in text.split(separator: ",") {
            switch name.trimmingCharacters(in: .whitespaces) {
            case "gomory": families.insert(.gomory)
            case "mir": families.insert(.mixedIntegerRounding)
            case "cover": families.insert(.cover)
            case "clique": families.insert(.clique)
            case "zero-half": families.insert(.zeroHalf)
            default: throw ValidationError("--cuts: \"\(name)\" is not one of all, none, gomory, mir, cover, clique, zero-half.")
            }
        }
        return families
    }

    func validate() throws {
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be a positive number of seconds.") }
        if !(gap >= 0) { throw ValidationError("--gap must be 0 or more.") }
        if let exportModel, !exportModel.hasSuffix(".lp"), !exportModel.hasSuffix(".mps") {
            throw ValidationError("--export-model must name a .lp or .mps file.")
        }
        _ = try Self.branchingRule(branching)
        _ = try Self.cutFamilies(cuts)
    }

    func run() throws {
        var source = try RosterFiles.read(roster)
        if let policy, let base = source.roster {
            source.roster?.policy = try PolicyFile.read(policy, base: base.policy)
        }
        let checked = source.checked()
        report(checked.diagnostics)
        guard let valid = checked.roster else {
            printError("\(checked.errors.count) error(s): nothing was planned.")
            throw ExitCodes.invalidRoster
        }
        let logger = LogSetup.makeLogger(verbose: verbose)
        let solver = GLPKSolver(logger: logger)
        let planner = Planner(solver: solver, logger: logger)
        if let exportModel {
            try solver.export(planner.program(for: valid), format: exportModel.hasSuffix(".mps") ? .mps : .cplexLP, to: exportModel)
        }
        // Progress (incumbent and bound) only when a person watches the terminal.
        var showProgress: (@Sendable (SolveProgress) -> Void)?
        if isatty(STDERR_FILENO) == 1 { showProgress = Self.show }
        let limit: Duration? = timeLimit.map { .milliseconds(Int64($0 * 1000)) }
        let options = PlanningOptions(
            timeLimit: limit, relativeGap: gap,
            branching: try Self.branchingRule(branching), cuts: try Self.cutFamilies(cuts),
            progress: showProgress)
        let plan = try planner.plan(valid, options: options)
        if let output {
            try RosterFiles.write(try JSONOutput.encode(plan), to: output)
        }
        print(PlanSummary(plan: plan).text)
        switch plan.status {
        case .infeasible:
            let names = plan.unscheduled.filter { $0.reason.code == .fixedConflict }.map(\.hearing)
            printError("Fixed hearings cannot all be held as fixed: \(names.joined(separator: ", ")).")
            throw ExitCodes.infeasible
        case .timeLimit:
            printError("The time limit passed before any plan was found.")
            throw ExitCodes.noPlanInTime
        case .error:
            throw ExitCode.failure
        case .optimal, .feasible:
            break
        }
    }
}

extension PlanCommand {
    @Sendable static func show(_ progress: SolveProgress) {
        let incumbent = progress.incumbent.map { $0.decimalText } ?? "none"
        // A bound rounded up to a tenth stays a bound, and 388183.500874 reads as 388183.6.
        let bound = progress.bestBound.map { (($0 * 10).rounded(.up) / 10).decimalText } ?? "none"
        let gap = progress.relativeGap.map { ", gap \(String(format: "%.4f", $0))" } ?? ""
        printError("  \(Int(progress.elapsedSeconds)) s: best plan \(incumbent), bound \(bound)\(gap)")
    }
}

/// The short human summary of a plan printed on the terminal. Counts only, never an id.
struct PlanSummary {
    let plan: Plan

    var text: String {
        let held = plan.assignments.count
        let unheld = plan.unscheduled.count
        var lines = ["Status \(plan.status.rawValue), score \(plan.objective.decimalText)"
            + (plan.gap.map { ", gap \(String(format: "%.4f", $0))" } ?? "")
            + ", \(String(format: "%.1f", plan.solver.seconds)) s"]
        lines.append("Held \(held), not held \(unheld)")
        for role in Role.allCases {
            let states = plan.assignments.map { role == .interpreter ? $0.interpreterPreference : $0.officerPreference }
            let requested = states.filter { $0 != .none }.count
            let met = states.filter { $0 == .met }.count
            lines.append("\(role == .interpreter ? "Interpreter" : "Officer") preferences met \(met) of \(requested)")
        }
        let reasons = Dictionary(grouping: plan.unscheduled, by: { $0.reason.code.rawValue }).mapValues(\.count)
        if !reasons.isEmpty {
            lines.append("Not held, by reason: " + reasons.keys.sorted().map { "\($0) \(reasons[$0]!)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

/// A `--policy` file: a JSON object with the fields of a roster's `policy`.
enum PolicyFile {
    static func read(_ path: String, base: Policy) throws -> Policy {
        let bytes = try RosterFiles.bytes(of: path)
        let checked = try PolicyJSON.read(bytes, base: base)
        guard let policy = checked.policy else {
            for diagnostic in checked.diagnostics { printError("\(path): \(diagnostic)") }
            throw ExitCodes.invalidRoster
        }
        return policy
    }
}

import ArgumentParser
import Foundation
import PlannerModel

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two plans, per hearing and per person to tell.")

    @Argument(help: "The earlier plan (plan@1 JSON).")
    var before: String

    @Argument(help: "The later plan.")
    var after: String

    @Flag(help: "Print the changes as JSON.")
    var json = false

    func run() throws {
        let diff = PlanDiff(from: try PlanFiles.read(before), to: try PlanFiles.read(after))
        if json {
            FileHandle.standardOutput.write(Data(try JSONOutput.encode(diff)))
        } else {
            print(diff.text)
        }
    }
}

/// Reading plans: fields this version does not know are ignored (formats.md).
enum PlanFiles {
    static func read(_ path: String) throws -> Plan {
        let bytes = try RosterFiles.bytes(of: path)
        do {
            return try JSONDecoder().decode(Plan.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ValidationError("\(path) is not a plan (plan@1): \(PlanFiles.describe(error))")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

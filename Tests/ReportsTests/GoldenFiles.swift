import Foundation
import PlannerModel
import Testing

/// Golden files under Tests/ReportsTests/Golden. `UPDATE_GOLDEN=1 swift test ...` rewrites them in
/// the source tree; otherwise the copy bundled with the tests is compared byte for byte.
enum GoldenFiles {
    static var isUpdating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    static var sourceFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // The footer names the version being built; the golden files name none.
        let text = text.replacingOccurrences(of: BuildInfo.program, with: "hearing-planner VERSION")
        if isUpdating {
            try Data(text.utf8).write(to: sourceFolder.appendingPathComponent(name))
            return
        }
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden"),
                               "Golden/\(name) is missing: run the tests once with UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
        let expected = try String(contentsOf: url, encoding: .utf8)
        if text != expected {
            let mine = text.components(separatedBy: "\n")
            let theirs = expected.components(separatedBy: "\n")
            let first = zip(mine, theirs).enumerated().first { $0.element.0 != $0.element.1 }
            let line = first.map { "line \($0.offset + 1):\n  got      \($0.element.0)\n  expected \($0.element.1)" }
                ?? "lengths differ (\(mine.count) vs \(theirs.count) lines)"
            Issue.record("\(name) differs from its golden file (UPDATE_GOLDEN=1 rewrites it), first at \(line)", sourceLocation: sourceLocation)
        }
    }
}

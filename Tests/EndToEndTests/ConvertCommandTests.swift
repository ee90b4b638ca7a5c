import Foundation
import Testing

@Suite("hearing-planner convert")
struct ConvertCommandTests {
    @Test("JSON to CSV and back gives the same bytes")
    func roundTrip() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            try #require(try await binary.run(["generate", "--hearings", "40", "--seed", "5", "-o", "first.json"], in: folder).status == 0)

            let toCSV = try await binary.run(["convert", "first.json", "csv"], in: folder)
            try #require(toCSV.status == 0, "\(toCSV.standardError)")
            let toJSON = try await binary.run(["convert", "csv", "second.json"], in: folder)
            try #require(toJSON.status == 0, "\(toJSON.standardError)")
            let validate = try await binary.run(["validate", "second.json"], in: folder)
            #expect(validate.status == 0)

            let first = try #require(folder.appendingPathComponent("first.json").bytes)
            #expect(folder.appendingPathComponent("second.json").bytes == first)

            // And the CSV written from the round-tripped roster is the CSV written first.
            try #require(try await binary.run(["convert", "second.json", "csv-again"], in: folder).status == 0)
            let csv = folder.appendingPathComponent("csv")
            let again = folder.appendingPathComponent("csv-again")
            #expect(csv.entries == again.entries)
            for name in csv.entries {
                #expect(csv.appendingPathComponent(name).bytes == again.appendingPathComponent(name).bytes, "\(name) differs")
            }
        }
    }

    /// A direction of conversion, with a broken input of that form.
    enum Direction: String, CaseIterable, Sendable {
        case jsonToCSV, csvToJSON

        var output: String { self == .jsonToCSV ? "out-csv" : "out.json" }

        /// Writes a broken roster into `folder` and returns its name.
        func writeBrokenInput(in folder: URL, binary: HearingPlannerBinary) async throws -> String {
            switch self {
            case .jsonToCSV:
                try folder.appendingPathComponent("broken.json").write(Fixtures.threeErrors)
                return "broken.json"
            case .csvToJSON:
                let generate = try await binary.run(["generate", "--hearings", "10", "-o", "broken", "--csv"], in: folder)
                try #require(generate.status == 0)
                let hearings = try FileHandle(forWritingTo: folder.appendingPathComponent("broken/hearings.csv"))
                try hearings.seekToEnd()
                try hearings.write(contentsOf: Data(Fixtures.brokenHearingRow.utf8))
                try hearings.close()
                return "broken"
            }
        }
    }

    @Test("A broken roster writes nothing", arguments: Direction.allCases)
    func brokenRosterWritesNothing(direction: Direction) async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let input = try await direction.writeBrokenInput(in: folder, binary: binary)
            let before = folder.entries

            let run = try await binary.run(["convert", input, direction.output], in: folder)
            #expect(run.status == 2)
            #expect(!run.errorLines.isEmpty)
            #expect(!folder.appendingPathComponent(direction.output).exists)
            #expect(folder.entries == before, "convert left something behind")
        }
    }

    @Test("An existing output is left untouched when the input has an error", arguments: Direction.allCases)
    func existingOutputIsKept(direction: Direction) async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let input = try await direction.writeBrokenInput(in: folder, binary: binary)
            let output = folder.appendingPathComponent(direction.output)
            let sentinel: URL
            if direction == .jsonToCSV {
                try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
                sentinel = output.appendingPathComponent("hearings.csv")
            } else {
                sentinel = output
            }
            try sentinel.write("kept\n")

            let run = try await binary.run(["convert", input, direction.output], in: folder)
            #expect(run.status == 2)
            #expect(sentinel.bytes == Array("kept\n".utf8))
            if direction == .jsonToCSV { #expect(output.entries == ["hearings.csv"]) }
        }
    }
}

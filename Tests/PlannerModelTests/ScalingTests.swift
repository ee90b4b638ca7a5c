import Foundation
import PlannerModel
import Testing

/// No reader of outside bytes does quadratic work: for each hostile shape, four times the input
/// takes well under sixteen times as long (docs/reliability.md). Before JSONLocator, a document of
/// 100,000 unknown fields placed each problem by rescanning the document and took minutes.
@Suite("Readers scale linearly on hostile input", .serialized)
struct ScalingTests {
    /// A hostile document of about `size` bytes.
    struct Shape: Sendable, CustomTestStringConvertible {
        let name: String
        let make: @Sendable (Int) -> [UInt8]
        let read: @Sendable ([UInt8]) -> Void
        var testDescription: String { name }
    }

    static let shapes: [Shape] = [
        Shape(name: "a roster of unknown fields, one line") { size in
            let fields = (0..<(size / 12)).map { #""u\#($0)":1"# }.joined(separator: ",")
            return Array(#"{"format":"hearing-planner/roster@1",\#(fields)}"#.utf8)
        } read: { _ = RosterJSON.read($0).checked() },
        Shape(name: "events with an error each") { size in
            let events = (0..<(size / 40)).map { #"{"id":"e\#($0)","type":"nope"}"# }.joined(separator: ",")
            return Array(#"{"format":"hearing-planner/events@1","events":[\#(events)]}"#.utf8)
        } read: { _ = EventsJSON.read($0) },
        Shape(name: "hearings with an error each, one per line") { size in
            let hearings = (0..<(size / 60)).map { #"{"id":"H-\#($0)","language":1,"location":"TA"}"# }.joined(separator: ",\n")
            return Array(#"{"format":"hearing-planner/roster@1","horizon":{"start":"2026-12-07","end":"2026-12-11"},"locations":[],"hearings":[\#(hearings)],"interpreters":[],"officers":[]}"#.utf8)
        } read: { _ = RosterJSON.read($0).checked() },
        Shape(name: "a string of escapes") { size in
            Array(("\"" + String(repeating: #"\u00e9\n"#, count: size / 8) + "\"").utf8)
        } read: { _ = try? JSONParser.parse($0) },
        Shape(name: "a CSV hearings file with an error on every row") { size in
            let rows = (0..<(size / 30)).map { "H-\($0),x,TA,notadate,2026-12-11" }.joined(separator: "\n")
            return Array("id,language,location,earliest,latest\n\(rows)\n".utf8)
        } read: { bytes in
            _ = RosterCSV.read(files: [
                "horizon.csv": Array("key,value\nstart,2026-12-07\nend,2026-12-11\n".utf8), "locations.csv": Array("id\nTA\n".utf8),
                "hearings.csv": bytes, "interpreters.csv": Array("id,gender,languages\n".utf8),
                "officers.csv": Array("id,gender,location\n".utf8), "availability.csv": Array("person,slot\n".utf8),
            ]).checked()
        },
    ]

    static func seconds(_ body: () -> Void) -> Double {
        let elapsed = ContinuousClock().measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test("Four times the input, well under sixteen times the time", arguments: shapes)
    func linear(_ shape: Shape) {
        let small = shape.make(128 * 1024)
        let large = shape.make(512 * 1024)
        shape.read(small)  // warm up
        // Interleaved and the fastest of three each: other tests run beside this one and load the
        // machine unevenly; a quadratic reader would still show a ratio near 16.
        var smallTime = Double.infinity
        var largeTime = Double.infinity
        for _ in 0..<3 {
            smallTime = min(smallTime, Self.seconds { shape.read(small) })
            largeTime = min(largeTime, Self.seconds { shape.read(large) })
        }
        let ratio = largeTime / max(smallTime, 1e-4)
        print("scaling \(shape.name): \(small.count) bytes \(String(format: "%.3f", smallTime)) s, \(large.count) bytes \(String(format: "%.3f", largeTime)) s, ratio \(String(format: "%.1f", ratio))")
        #expect(ratio < 10, "\(shape.name): 4x the input took \(ratio)x the time")
    }
}

@Suite("A log of a million problems")
struct BoundedLogTests {
    @Test("keeps the first 10,000 and says how many more there were, and still knows an item had one")
    func bounded() {
        var log = DiagnosticLog()
        for k in 0..<25_000 { log.warning(.root, "w\(k)") }
        #expect(!log.hasErrors)
        let before = log.count
        log.error(.root, "one more")
        #expect(log.count == before + 1, "a decoder counts on every problem being counted")
        #expect(log.hasErrors)
        let diagnostics = log.diagnostics { $0.description }
        #expect(diagnostics.count == DiagnosticLog.maximumKept + 1)
        #expect(diagnostics.last?.isError == true)
        #expect(diagnostics.last?.message.hasPrefix("15001 more problems") == true)
    }
}

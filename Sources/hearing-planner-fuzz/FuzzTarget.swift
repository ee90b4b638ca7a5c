import Foundation
import Hummingbird
import Locking
import NIOCore
import PlannerModel
import PlannerServer
import Synchronization
import Workbooks

/// One entry point of the service that reads bytes from outside, with the properties that must
/// hold for any input: no crash (a trap ends the run), no hang, and the checks below.
///
/// A property that fails calls `fatalError`, so that libFuzzer (and the replay mode) keep the input.
struct FuzzTarget: Sendable {
    let name: String
    let summary: String
    let run: @Sendable ([UInt8]) -> Void

    static let all: [FuzzTarget] = [
        FuzzTarget(name: "json", summary: "the JSON parser (JSONParser) every document goes through") { bytes in
            guard let node = try? JSONParser.parse(bytes) else { return }
            // A parsed document is well formed: every offset lies inside it.
            check(node.offset >= 0 && node.offset <= bytes.count, "a node's offset outside the document")
        },
        FuzzTarget(name: "roster-json", summary: "roster@1 JSON, decoded and validated") { bytes in
            let checked = RosterJSON.read(bytes).checked()
            check(checked.roster == nil || checked.errors.isEmpty, "a roster with errors was accepted")
            // A roster accepted once reads back the same after writing it.
            if let roster = checked.roster, let written = try? RosterJSON.write(roster) {
                check(RosterJSON.read(written).checked().roster == roster, "a written roster reads back differently")
            }
        },
        FuzzTarget(name: "roster-csv", summary: "a roster as a CSV folder (files split at a line '=== NAME')") { bytes in
            let checked = RosterCSV.read(files: CSVFolderInput.files(from: bytes)).checked()
            check(checked.roster == nil || checked.errors.isEmpty, "a roster with errors was accepted")
        },
        FuzzTarget(name: "workbook", summary: "an .xlsx roster workbook, as uploaded (zip container, XML parts)") { bytes in
            let checked = RosterWorkbook.read(bytes).checked()
            check(checked.roster == nil || checked.errors.isEmpty, "a roster with errors was accepted")
        },
        FuzzTarget(
            name: "workbook-parts",
            summary: "the XML of a workbook's parts (split at '=== PATH'), zipped here so every input reaches the XML scanner"
        ) { bytes in
            let zip = StoredZip.archive(WorkbookPartsInput.parts(from: bytes))
            let checked = RosterWorkbook.read(zip).checked()
            check(checked.roster == nil || checked.errors.isEmpty, "a roster with errors was accepted")
        },
        FuzzTarget(name: "events", summary: "events@1, decoded and applied to the sample week") { bytes in
            let read = EventsJSON.read(bytes)
            guard let events = read.events else { return }
            if case .success(let applied) = SampleRoster.roster.applying(events) {
                check(applied.applied.count + applied.skipped.count == events.count, "an event was neither applied nor skipped")
                check(RosterSource(roster: applied.roster).checked().errors.isEmpty, "events left the roster with an error")
            }
        },
        FuzzTarget(name: "config", summary: "the service's configuration file") { bytes in
            _ = try? ServerConfiguration.parse(bytes, path: "fuzz.json", relativeTo: "/nonexistent")
        },
        FuzzTarget(name: "accept-encoding", summary: "the Accept-Encoding header's parser") { bytes in
            let header = String(decoding: bytes, as: UTF8.self)
            let gzip = ContentCoding.acceptsGzip(header)
            // Only a header that names gzip (or any coding, `*`) may allow it.
            if !header.lowercased().contains("gzip") && !header.contains("*") { check(!gzip, "gzip accepted though not named") }
        },
        FuzzTarget(name: "body", summary: "the request body reader (limit, Content-Length, chunks)") { bytes in
            BodyInput(bytes).verify()
        },
    ]

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}

/// Stops the run on a broken property; the fuzzer keeps the input that did it.
func check(_ condition: Bool, _ property: @autoclosure () -> String) {
    if !condition { fatalError("fuzz property failed: \(property())") }
}

/// The sample week, the roster that events are applied to.
enum SampleRoster {
    static let roster: Roster = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/sample/roster.json")
        guard let data = FileManager.default.contents(atPath: url.path),
              let roster = RosterJSON.read(Array(data)).checked().roster
        else { fatalError("cannot read data/sample/roster.json, the roster events are applied to") }
        return roster
    }()
}

/// The input of the body reader: the first bytes choose the limit, whether Content-Length is
/// sent (and whether it tells the truth) and where the body is cut into chunks.
struct BodyInput {
    let limit: Int
    let contentLength: Int?
    let chunks: [[UInt8]]
    let body: [UInt8]

    init(_ bytes: [UInt8]) {
        let header = Array(bytes.prefix(4)) + Array(repeating: 0, count: max(0, 4 - bytes.count))
        let body = Array(bytes.dropFirst(4))
        self.body = body
        limit = Int(header[0]) * 4
        switch header[1] % 3 {
        case 0: contentLength = nil
        case 1: contentLength = body.count
        default: contentLength = Int(header[2])  // may lie
        }
        let size = max(1, Int(header[3]))
        chunks = stride(from: 0, to: body.count, by: size).map { Array(body[$0..<min($0 + size, body.count)]) }
    }

    func verify() {
        let reader = BodyReader(limit: limit)
        var fields = HTTPFields()
        if let contentLength { fields[.contentLength] = "\(contentLength)" }
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: "/v1/events", headerFields: fields),
            body: RequestBody(asyncSequence: chunks.map { ByteBuffer(bytes: $0) }.async))
        let outcome = Locked<Result<[UInt8], any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                let read = try await reader.bytes(of: request)
                outcome.withLock { $0 = .success(read) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        switch outcome.withLock({ $0 }) {
        case .success(let read):
            check(body.count <= limit, "a body of \(body.count) bytes passed the limit of \(limit)")
            check(read == body, "the body read differs from the body sent")
            check(contentLength.map { $0 <= limit } ?? true, "a Content-Length above the limit was read")
        case .failure(let error):
            check(BodyReader.isTooLarge(error), "the body reader failed with \(type(of: error))")
            check(body.count > limit || (contentLength ?? 0) > limit, "a body within the limit was refused")
        case nil:
            check(false, "the body reader did not finish")
        }
    }
}

/// Chunks as an async sequence, for a request body.
struct ChunkSequence: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]

    struct AsyncIterator: AsyncIteratorProtocol {
        var rest: ArraySlice<ByteBuffer>
        mutating func next() async throws -> ByteBuffer? { rest.popFirst() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: chunks[...]) }
}

extension Array where Element == ByteBuffer {
    var async: ChunkSequence { ChunkSequence(chunks: self) }
}

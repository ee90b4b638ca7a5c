import Foundation
import Testing
@testable import PlannerServer

@Suite("Token file")
struct TokenFileTests {
    @Test("A new token authenticates with its role; the file keeps only its hash, with mode 0600")
    func addThenAuthenticate() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/tokens"
            let planner = try TokenFile.add(name: "planning-office", role: .planner, path: path)
            let viewer = try TokenFile.add(name: "dashboard", role: .viewer, path: path)

            #expect(planner.hasPrefix("hpt_") && planner.count == 4 + 43)
            #expect(planner != viewer)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!text.contains(planner) && !text.contains(String(planner.dropFirst(4))))
            #expect(!text.contains(String(viewer.dropFirst(4))))
            #expect(try permissions(of: path) == 0o600)

            let file = try TokenFile.load(path: path)
            #expect(file.records == [TokenRecord(name: "planning-office", role: .planner), TokenRecord(name: "dashboard", role: .viewer)])
            #expect(file.authenticate(bearer: planner) == TokenRecord(name: "planning-office", role: .planner))
            #expect(file.authenticate(bearer: viewer) == TokenRecord(name: "dashboard", role: .viewer))
            #expect(file.authenticate(bearer: planner + "x") == nil)
            #expect(file.authenticate(bearer: String(planner.dropLast())) == nil)
            #expect(file.authenticate(bearer: "") == nil)
        }
    }

    @Test("A hand-written line with a known SHA-256 authenticates its token")
    func knownHash() throws {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        let text = """
            # a comment

            office planner sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
            """
        let file = try TokenFile.parse(text, path: "tokens")
        #expect(file.authenticate(bearer: "abc") == TokenRecord(name: "office", role: .planner))
        #expect(file.authenticate(bearer: "abd") == nil)
        #expect(file.authenticate(bearer: "ABC") == nil)

        // Line ends written by a Windows editor.
        let windows = try TokenFile.parse(
            "# tokens\r\noffice viewer sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\r\n"
                + "other planner sha256:" + String(repeating: "0", count: 64) + "\r\n", path: "t")
        #expect(windows.records.map(\.name) == ["office", "other"])
        #expect(windows.authenticate(bearer: "abc") == TokenRecord(name: "office", role: .viewer))
    }

    @Test("Every malformed line is reported at once, with its line number")
    func malformedLines() throws {
        let good = "sha256:" + String(repeating: "0", count: 64)
        let text = """
            a planner \(good)
            b admin \(good)
            c viewer sha256:123
            d viewer
            a viewer \(good)
            bad/name viewer \(good)
            """
        let error = try #require(throws: TokenFileError.self) { try TokenFile.parse(text, path: "t") }
        #expect(error.code == .malformed)
        #expect(error.problems.map { $0.split(separator: ":").prefix(2).joined(separator: ":") } == ["t:2", "t:3", "t:4", "t:5", "t:6"])
        #expect(error.problems[0].contains("\"admin\""))
        #expect(error.problems[3].contains("appears twice"))
    }

    @Test("A name already in the file is refused and the file is left as it was")
    func duplicateName() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/tokens"
            _ = try TokenFile.add(name: "office", role: .planner, path: path)
            let before = try String(contentsOfFile: path, encoding: .utf8)
            let error = try #require(throws: TokenFileError.self) {
                try TokenFile.add(name: "office", role: .viewer, path: path)
            }
            #expect(error.code == .duplicateName)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        }
    }

    @Test("Names outside letters, digits, '.', '_' and '-' are refused", arguments: ["", "two words", "a/b", "é", String(repeating: "x", count: 65)])
    func invalidName(name: String) throws {
        try withTemporaryDirectory { folder in
            let error = try #require(throws: TokenFileError.self) {
                try TokenFile.add(name: name, role: .viewer, path: folder + "/tokens")
            }
            #expect(error.code == .invalidName)
            #expect(!FileManager.default.fileExists(atPath: folder + "/tokens"))
        }
    }

    @Test("Adding to a file readable by others leaves it unreadable to them (0644 becomes 0640) and keeps its lines")
    func tightensMode() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/tokens"
            let existing = "# kept\nold viewer sha256:" + String(repeating: "a", count: 64)  // no final newline
            _ = FileManager.default.createFile(atPath: path, contents: Data(existing.utf8), attributes: [.posixPermissions: 0o644])
            _ = try TokenFile.add(name: "new", role: .planner, path: path)
            #expect(try permissions(of: path) == 0o640)
            let file = try TokenFile.load(path: path)
            #expect(file.records.map(\.name) == ["old", "new"])
            #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# kept\n"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["tokens"])
        }
    }

    @Test("A missing token file is an error that names it")
    func missingFile() throws {
        let error = try #require(throws: TokenFileError.self) { try TokenFile.load(path: "/nonexistent/tokens") }
        #expect(error.code == .unreadable)
        #expect(error.message.contains("/nonexistent/tokens"))
    }

    @Test("Tokens are 32 bytes in base64url: a fixed generator gives a fixed token")
    func tokenEncoding() {
        var zeros = ConstantGenerator(value: 0)
        #expect(TokenFile.makeToken(using: &zeros) == "hpt_" + String(repeating: "A", count: 43))
        var ones = ConstantGenerator(value: .max)
        // 32 bytes of 0xFF: 42 characters of 63 ('_') and a last one holding 4 bits (111100 = 60, '8').
        #expect(TokenFile.makeToken(using: &ones) == "hpt_" + String(repeating: "_", count: 42) + "8")
    }

    @Test("Roles: only planner may write")
    func roles() {
        #expect(Role.planner.mayWrite)
        #expect(!Role.viewer.mayWrite)
    }
}

struct ConstantGenerator: RandomNumberGenerator {
    var value: UInt64
    mutating func next() -> UInt64 { value }
}

/// A new empty folder for one test, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hp-ops-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
}

func permissions(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return try #require(attributes[.posixPermissions] as? Int) & 0o777
}

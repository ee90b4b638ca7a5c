import Foundation
import Testing

/// Parses HTML with html5lib in strict mode, which raises at the first parse error. The tests need
/// it: `pip install html5lib` (or `apt-get install -y python3-html5lib` for Debian's python3).
/// Without it the test fails and says so, rather than passing without a check.
enum HTML5Validator {
    static let script = """
        import sys, html5lib
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parse(open(sys.argv[1], 'rb').read().decode('utf-8'))
        except html5lib.html5parser.ParseError as error:
            print('not valid HTML5:', error, file=sys.stderr)
            sys.exit(1)
        """

    /// The first python3 that has html5lib: the one on PATH, then Debian's.
    static func python() -> String? {
        for candidate in ["/usr/bin/env python3", "/usr/bin/python3"] {
            if run(candidate.components(separatedBy: " "), ["-c", "import html5lib"]).status == 0 { return candidate }
        }
        return nil
    }

    static func validate(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let python = python() else {
            let message = "html5lib is not installed, so the HTML cannot be checked: run `pip install html5lib` (or `apt-get install -y python3-html5lib`)"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).html")
        try Data(html.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = run(python.components(separatedBy: " "), ["-c", script, file.path])
        #expect(result.status == 0, "\(result.error)", sourceLocation: sourceLocation)
    }

    static func run(_ command: [String], _ arguments: [String]) -> (status: Int32, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = command.dropFirst().map { String($0) } + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "\(error)") }
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

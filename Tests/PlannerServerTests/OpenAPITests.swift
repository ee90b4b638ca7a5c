import Foundation
import Hummingbird
import PlannerConsole
import Testing

@testable import PlannerServer

@Suite("docs/openapi.yaml and the routes")
struct OpenAPITests {
    static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.yaml")

    /// `METHOD /path` of every operation in the document.
    static func operations(in yaml: String) -> Set<String> {
        var operations = Set<String>()
        var inPaths = false
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty {
                inPaths = line == "paths:"
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   "), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete", "head"].contains(method) {
                    operations.insert("\(method.uppercased()) \(path)")
                }
            }
        }
        return operations
    }

    @Test("Every route of the API is in the document, and every operation of the document is a route")
    func routesMatch() async throws {
        let server = try await ServerAssembly(try TestServer.parts())
        let all = server.router.routes.map { (path: "\($0.path)", route: "\($0.method.rawValue) \($0.path)") }
        // The console's pages are for browsers, not clients of the API: docs/console.md has them.
        let routes = Set(all.filter { Console<PlannerRequestContext>.isAPIPath($0.path) }.map(\.route))
        #expect(all.count - routes.count > 20)
        let documented = Self.operations(in: OpenAPIDocument.yaml)
        #expect(routes.count >= 11)
        #expect(routes.subtracting(documented).isEmpty, "routes missing from docs/openapi.yaml: \(routes.subtracting(documented).sorted())")
        #expect(documented.subtracting(routes).isEmpty, "documented operations that are no route: \(documented.subtracting(routes).sorted())")
    }

    @Test("The served document is docs/openapi.yaml")
    func servedIsDocs() throws {
        let text = try String(contentsOf: Self.documentURL, encoding: .utf8)
        #expect(!text.isEmpty)
        #expect(text == OpenAPIDocument.yaml, "Sources/PlannerServer/Embedded/openapi.yaml must link to docs/openapi.yaml")
    }

    @Test("The reader of the document finds operations, so the comparison can fail")
    func readerWorks() {
        let yaml = "openapi: 3.1.0\npaths:\n  /a/{x}:\n    get:\n      summary: s\n    post:\n      summary: t\ncomponents:\n  /b:\n    get:\n"
        #expect(Self.operations(in: yaml) == ["GET /a/{x}", "POST /a/{x}"])
    }
}

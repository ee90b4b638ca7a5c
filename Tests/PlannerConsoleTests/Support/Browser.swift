import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Locking
import Logging
import NIOCore
import Synchronization
import Testing
import ZIPFoundation

@testable import PlannerConsole

/// The request context of the console's tests: Hummingbird's own and a fixed client address.
struct TestContext: RequestContext, ConsoleRequestContext {
    var coreContext: CoreRequestContextStorage
    var clientAddress: String? { "192.0.2.1" }

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// The console alone on a router, as the server wires it, with a fake backend and a clock.
struct ConsoleApp {
    let backend: FakeBackend
    let clock: TestClock
    let app: Application<RouterResponder<TestContext>>

    init(backend: FakeBackend = FakeBackend(), settings: ConsoleSettings = ConsoleSettings()) throws {
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        let clock = TestClock()
        let console = try Console<TestContext>(backend: backend, settings: settings, logger: logger, now: { clock.now })
        let router = Router(context: TestContext.self)
        router.add(middleware: console.fallback)
        console.add(to: router)
        self.backend = backend
        self.clock = clock
        app = Application(router: router, logger: logger)
    }

    func run(_ test: @escaping @Sendable (inout Browser) async throws -> Void) async throws {
        try await app.test(.router) { client in
            var browser = Browser(client: client)
            try await test(&browser)
        }
    }
}

/// A clock a test moves by hand.
final class TestClock: Sendable {
    private let time = Locked(Date(timeIntervalSince1970: 1_796_400_000))
    var now: Date { time.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A client that keeps cookies as a browser does, and reads what pages say.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var acceptLanguage: String?

    init(client: any TestClientProtocol) { self.client = client }

    @discardableResult
    mutating func get(_ path: String) async throws -> TestResponse {
        try await send(.get, path, body: nil, contentType: nil)
    }

    /// Posts a urlencoded form.
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(.post, path, body: ByteBuffer(string: body), contentType: "application/x-www-form-urlencoded")
    }

    /// Posts a multipart form with one file.
    @discardableResult
    mutating func upload(_ path: String, fields: [(String, String)], file: (field: String, name: String, bytes: [UInt8])) async throws -> TestResponse {
        let boundary = "----test-boundary-7d"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file.bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await send(.post, path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    mutating func send(_ method: HTTPRequest.Method, _ path: String, body: ByteBuffer?, contentType: String?) async throws -> TestResponse {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if let contentType { headers[.contentType] = contentType }
        if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if line.contains("Max-Age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    /// Signs in with `token` through the form, as a person does.
    @discardableResult
    mutating func signIn(_ token: String, next: String = "/") async throws -> TestResponse {
        let page = try await get("/sign-in")
        let check = try #require(page.text.value(of: "check"))
        return try await post("/sign-in", [("check", check), ("token", token), ("next", next)])
    }

    /// The session's form token, from any page with a form.
    mutating func formToken() async throws -> String {
        try #require(try await get("/").text.value(of: "formToken"))
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", ".", "~"])) ?? text
    }

    /// A zip of `files`, as a planner makes one of a CSV folder.
    static func zip(_ files: [String: [UInt8]], folder: String = "week") throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: "\(folder)/\(name)", type: .file, uncompressedSize: Int64(bytes.count)) { position, size in
                Data(bytes[Int(position)..<Int(position) + size])
            }
        }
        return Array(try #require(archive.data))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// Every `Set-Cookie` line.
    var setCookies: [String] { headers[values: .setCookie] }
}

extension String {
    /// The value of the first hidden input named `name`.
    func value(of name: String) -> String? {
        guard let range = range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = self[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    func count(of part: String) -> Int { components(separatedBy: part).count - 1 }
}

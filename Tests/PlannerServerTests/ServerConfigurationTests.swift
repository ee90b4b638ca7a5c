import Foundation
import PlannerModel
import Testing
@testable import PlannerServer

@Suite("Server configuration")
struct ServerConfigurationTests {
    private func parse(_ text: String) throws -> ServerConfiguration {
        try ServerConfiguration.parse(Array(text.utf8), path: "config.json", relativeTo: "/etc/hp")
    }

    @Test("An empty object gives the documented defaults")
    func defaults() throws {
        let configuration = try parse("{}")
        #expect(configuration == ServerConfiguration())
        #expect(configuration.listenHost == "127.0.0.1")
        #expect(configuration.listenPort == 8470)
        #expect(configuration.stateDirectory == "/var/lib/hearing-planner")
        #expect(configuration.tokenFile == nil)
        #expect(configuration.solveTimeLimit == .seconds(30))
        #expect(configuration.debounce == .milliseconds(250))
        #expect(configuration.freezeHours == nil)
        #expect(configuration.maxBodyBytes == 16_777_216)
        #expect(configuration.policyFile == nil)
        #expect(configuration.logLevel == .info)
    }

    @Test("Every field is read; relative paths are taken from the file's folder")
    func everyField() throws {
        let configuration = try parse("""
            {
              "listen": "[::1]:9000",
              "stateDirectory": "state",
              "tokenFile": "/etc/hp/tokens",
              "solveTimeLimit": 12.5,
              "debounce": 0,
              "freezeHours": 24,
              "maxBodyBytes": 2048,
              "policyFile": "../policy.json",
              "logLevel": "debug"
            }
            """)
        #expect(configuration.listenHost == "::1")
        #expect(configuration.listenPort == 9000)
        #expect(configuration.stateDirectory == "/etc/hp/state")
        #expect(configuration.tokenFile == "/etc/hp/tokens")
        #expect(configuration.solveTimeLimit == .milliseconds(12_500))
        #expect(configuration.debounce == .zero)
        #expect(configuration.freezeHours == 24)
        #expect(configuration.maxBodyBytes == 2048)
        #expect(configuration.policyFile == "/etc/policy.json")
        #expect(configuration.logLevel == .debug)
    }

    @Test("null means the default")
    func nullIsDefault() throws {
        #expect(try parse(#"{"tokenFile": null, "freezeHours": null, "listen": null}"#) == ServerConfiguration())
    }

    @Test("Every error is reported at once, each at its line and column")
    func everyErrorAtOnce() throws {
        let text = """
            {
              "listen": "localhost",
              "solveTimeLimit": 0,
              "debounce": "1s",
              "maxBodyBytes": 10.5,
              "logLevel": "loud",
              "tokenFiel": "tokens",
              "extra": null
            }
            """
        let error = try #require(throws: ConfigurationError.self) { try parse(text) }
        #expect(error.code == .invalid)
        #expect(error.message.contains("config.json") && error.message.contains("7 errors"))
        let places = error.diagnostics.map(\.place)
        #expect(places == [
            "listen (line 2, column 13)", "solveTimeLimit (line 3, column 21)", "debounce (line 4, column 15)",
            "maxBodyBytes (line 5, column 19)", "logLevel (line 6, column 15)", "tokenFiel (line 7, column 16)",
            "extra (line 8, column 12)",
        ])
        #expect(error.diagnostics[2].message.contains("must be a number"))
        #expect(error.diagnostics[3].message.contains("whole number"))
        #expect(error.diagnostics[5].message.contains("did you mean \"tokenFile\""))
        #expect(error.diagnostics.allSatisfy { $0.isError })
    }

    @Test("A syntax error names its line and column")
    func syntaxError() throws {
        let error = try #require(throws: ConfigurationError.self) { try parse("{\n  \"listen\": \"a:1\",\n}") }
        #expect(error.code == .invalid)
        #expect(error.diagnostics.first?.place == "line 3, column 1")
    }

    @Test("The document must be an object")
    func notAnObject() throws {
        let error = try #require(throws: ConfigurationError.self) { try parse("[]") }
        #expect(error.diagnostics.map(\.place) == ["(document) (line 1, column 1)"])
    }

    @Test("A missing file is an error that names it")
    func missingFile() throws {
        let error = try #require(throws: ConfigurationError.self) { try ServerConfiguration.load(path: "/nonexistent/config.json") }
        #expect(error.code == .unreadable)
        #expect(error.message.contains("/nonexistent/config.json"))
    }

    @Test("load(path:) resolves relative paths against the file's folder")
    func loadFromFile() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/config.json"
            try Data(#"{"stateDirectory": "data", "listen": "0.0.0.0:0"}"#.utf8).write(to: URL(fileURLWithPath: path))
            let configuration = try ServerConfiguration.load(path: path)
            #expect(configuration.stateDirectory == folder + "/data")
            #expect(configuration.listenHost == "0.0.0.0")
            #expect(configuration.listenPort == 0)
        }
    }

    @Test("The policy file and freezeHours apply over the roster's policy")
    func policyOverRoster() throws {
        try withTemporaryDirectory { folder in
            let policyPath = folder + "/policy.json"
            try Data(#"{"changePenalty": 3, "freezeHours": 12}"#.utf8).write(to: URL(fileURLWithPath: policyPath))
            var base = Policy()
            base.hearingValue = 7
            var configuration = ServerConfiguration()
            configuration.policyFile = policyPath
            let fromFile = try configuration.policy(over: base)
            #expect(fromFile.hearingValue == 7)
            #expect(fromFile.changePenalty == 3)
            #expect(fromFile.freezeHours == 12)

            configuration.freezeHours = 72
            #expect(try configuration.policy(over: base).freezeHours == 72)
            configuration.policyFile = nil
            #expect(try configuration.policy(over: base) == { var p = base; p.freezeHours = 72; return p }())

            configuration.policyFile = policyPath
            let adjust = try configuration.policyAdjustment()
            try Data(#"{"changePenalty": -1}"#.utf8).write(to: URL(fileURLWithPath: policyPath))
            // The adjustment read the file when it was made, not now.
            #expect(try adjust(base).changePenalty == 3)
            #expect(try adjust(base).freezeHours == 72)
            let error = try #require(throws: ConfigurationError.self) { try configuration.policyAdjustment() }
            #expect(error.code == .invalid)
            #expect(error.diagnostics.first?.place.hasPrefix("changePenalty") == true)
        }
    }

    @Test("The example configuration of the systemd unit is valid")
    func exampleConfiguration() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../systemd/hearing-planner.json").standardizedFileURL.path
        let configuration = try ServerConfiguration.load(path: path)
        #expect(configuration.listenHost == "127.0.0.1")
        #expect(configuration.stateDirectory == "/var/lib/hearing-planner")
        #expect(configuration.tokenFile == "/etc/hearing-planner/tokens")
        #expect(configuration.retentionDays == 90)
        #expect(configuration.auditRetentionDays == 730)
    }

    @Test("retention: days and auditDays, in range; anything else is an error with its place")
    func retention() throws {
        let good = try ServerConfiguration.parse(Array(#"{"retention": {"days": 30, "auditDays": 365}}"#.utf8), path: "c.json", relativeTo: "/")
        #expect(good.retentionDays == 30)
        #expect(good.auditRetentionDays == 365)
        #expect(ServerConfiguration().retentionDays == 90)
        let bad = try #require(throws: ConfigurationError.self) {
            try ServerConfiguration.parse(
                Array(#"{"retention": {"days": -1, "auditDays": 5, "weeks": 2}}"#.utf8), path: "c.json", relativeTo: "/")
        }
        let places = bad.diagnostics.map(\.place)
        #expect(places.count == 3)
        #expect(places.contains { $0.hasPrefix("retention.days") })
        #expect(places.contains { $0.hasPrefix("retention.auditDays") })
        #expect(places.contains { $0.hasPrefix("retention.weeks") })
    }
}

@Suite("Listen addresses")
struct ListenAddressTests {
    @Test("HOST:PORT is parsed", arguments: [
        ("127.0.0.1:8470", "127.0.0.1", 8470), ("localhost:80", "localhost", 80), ("[::1]:8470", "::1", 8470),
        ("[::]:0", "::", 0), ("0.0.0.0:65535", "0.0.0.0", 65535), ("[fe80::1%eth0]:1", "fe80::1%eth0", 1),
    ])
    func parses(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address == ListenAddress(host: host, port: port))
        #expect(address.description == text)
    }

    @Test("Anything else is refused with a sentence", arguments: [
        "", "8470", "localhost", ":8470", "::1:8470", "[::1]8470", "[::1]", "[127.0.0.1]:80", "host:", "host:-1",
        "host:65536", "host:80a", "a b:80", "host:+80", "host:٨٠",
    ])
    func refuses(text: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try ListenAddress(parsing: text) }
        #expect(error.code == .invalidListenAddress)
        #expect(error.message.contains("HOST:PORT"))
    }
}

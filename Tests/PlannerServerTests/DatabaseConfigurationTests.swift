import Foundation
import PlannerStorePostgres
import Testing

@testable import PlannerServer

/// `database` in the configuration: several daemons on one PostgreSQL database.
@Suite("The configuration's database field")
struct DatabaseConfigurationTests {
    func parse(_ text: String) throws -> ServerConfiguration {
        try ServerConfiguration.parse(Array(text.utf8), path: "config.json", relativeTo: "/etc/hearing-planner")
    }

    @Test("Absent: the SQLite file; present: the URL, the pool, the password file and the instance are read")
    func fields() throws {
        #expect(try parse("{}").database == nil)
        let configuration = try parse("""
            {"database": {"url": "postgres://hp@db.example.org:6432/plans?sslmode=verify-full&sslrootcert=/etc/ssl/db.pem",
                          "passwordFile": "db-password", "poolSize": 3, "instance": "planner-1"}}
            """)
        let database = try #require(configuration.database)
        #expect(database.settings?.host == "db.example.org" && database.settings?.port == 6432 && database.settings?.tls == .verifyFull)
        #expect(database.passwordFile == "/etc/hearing-planner/db-password")
        #expect(database.poolSize == 3 && database.instance == "planner-1")
        #expect(try parse(#"{"database": {"url": "postgres://hp@db/plans"}}"#).database?.poolSize == PostgresSettings.defaultPoolSize)
    }

    @Test("Every mistake is reported with its field, the password never quoted")
    func errors() throws {
        let text = """
            {"database": {"url": "mysql://hp:hunter2@db/plans", "poolSize": 0, "instance": "a b", "pool": 3}}
            """
        let error = try #require(throws: ConfigurationError.self) { try parse(text) }
        let places = error.diagnostics.map(\.place)
        for field in ["database.url", "database.poolSize", "database.instance", "database.pool"] {
            #expect(places.contains { $0.hasPrefix(field) }, "\(field) in \(places)")
        }
        #expect(!error.description.contains("hunter2"))
        let missing = try #require(throws: ConfigurationError.self) { try parse(#"{"database": {"poolSize": 2}}"#) }
        #expect(missing.diagnostics.contains { $0.place.hasPrefix("database.url") && $0.message.contains("missing") })
    }

    @Test("The password file's first line is the password")
    func passwordFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hp-db-password-\(UUID().uuidString)")
        try Data("s3cret\nignored\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let database = DatabaseConfiguration(settings: try PostgresSettings(url: "postgres://hp@db/plans"), passwordFile: file.path, poolSize: 2)
        let settings = try database.connectionSettings()
        #expect(settings.password == "s3cret" && settings.poolSize == 2)
    }
}

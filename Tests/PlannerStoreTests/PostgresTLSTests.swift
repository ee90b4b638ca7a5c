import Foundation
import Logging
import PlannerStore
import PlannerStorePostgres
import Testing
import TestSupport

/// TLS to a real PostgreSQL server with a certificate of a test authority, as `database.url`'s
/// `sslmode` and `sslrootcert` ask.
@Suite(
    "TLS to PostgreSQL", .serialized,
    .enabled(if: TestPostgres.unavailableReason == nil, "PostgreSQL's server programs are not installed here"))
final class PostgresTLSTests {
    let folder: String
    let cluster: TestPostgres

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hp-tls-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        cluster = try TestPostgres.startWithTLS(certificatesIn: folder)
    }

    deinit {
        cluster.destroy()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// `database.url` of a new database on `host`, with `query`.
    func url(host: String, _ query: String) throws -> String {
        let name = TestPostgres.databaseName(try cluster.newDatabase())
        return "postgres://planner@\(host):\(cluster.port)/\(name)?\(query)"
    }

    /// How many sessions of other clients than psql use TLS, and how many do not.
    func sessions() throws -> (tls: Int, plain: Int) {
        let counts = try cluster.psql("postgres", """
            SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
            WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()
            """).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").compactMap { Int($0) }
        return (counts.first ?? -1, counts.last ?? -1)
    }

    func open(_ url: String) throws -> PostgresStore {
        try PostgresStore(settings: try PostgresSettings(url: url), logger: Logger(label: "test"))
    }

    @Test("verify-full with the authority that signed the server's certificate: the store works, over TLS")
    func verified() throws {
        for host in ["localhost", "127.0.0.1"] {
            let store = try open(try url(host: host, "sslmode=verify-full&sslrootcert=\(folder)/ca.pem"))
            _ = try store.saveRoster(StoredRoster(document: "{}", digest: "sha256:00", receivedAt: Date(), tokenName: "alice"))
            #expect(try store.latestRosterID() == 1)
            let seen = try sessions()
            #expect(seen.tls >= 1 && seen.plain == 0, "\(host): \(seen)")
            store.close()
        }
    }

    @Test("verify-full with another authority is refused at once, saying what to check, never quoting data")
    func otherAuthority() throws {
        let started = ContinuousClock.now
        let refusal = #expect(throws: StoreError.self) { _ = try open(try url(host: "localhost", "sslmode=verify-full&sslrootcert=\(folder)/other-ca.pem")) }
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(refusal?.code == .unopenable, "\(String(describing: refusal))")
        #expect(refusal?.message.contains("certificate") == true, "\(String(describing: refusal))")
    }

    @Test("require encrypts without checking the certificate; disable does not encrypt")
    func requireAndDisable() throws {
        let encrypted = try open(try url(host: "127.0.0.1", "sslmode=require"))
        _ = try encrypted.latestRosterID()
        #expect(try sessions() == (1, 0))
        encrypted.close()
        let plain = try open(try url(host: "127.0.0.1", "sslmode=disable"))
        _ = try plain.latestRosterID()
        #expect(try sessions().plain == 1)
        plain.close()
    }
}

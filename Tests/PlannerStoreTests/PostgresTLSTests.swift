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
        let folder = folder
        func openssl(_ arguments: [String]) throws { _ = try TestPostgres.run("/usr/bin/openssl", arguments, as: nil) }
        // A test authority, a server certificate it signs for localhost and 127.0.0.1, and an authority that signed nothing.
        for authority in ["ca", "other-ca"] {
            try openssl([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(folder)/\(authority).key", "-out", "\(folder)/\(authority).pem",
                "-days", "2", "-subj", "/CN=hearing-planner test \(authority)",
            ])
        }
        try "subjectAltName=DNS:localhost,IP:127.0.0.1\n".write(toFile: "\(folder)/san.ext", atomically: true, encoding: .utf8)
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(folder)/server.key", "-out", "\(folder)/server.csr", "-subj", "/CN=localhost"])
        try openssl([
            "x509", "-req", "-in", "\(folder)/server.csr", "-CA", "\(folder)/ca.pem", "-CAkey", "\(folder)/ca.key", "-CAcreateserial",
            "-out", "\(folder)/server.crt", "-days", "2", "-extfile", "\(folder)/san.ext",
        ])
        cluster = try TestPostgres.start(options: "-c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key") { data, user in
            for file in ["server.crt", "server.key"] {
                try FileManager.default.copyItem(atPath: "\(folder)/\(file)", toPath: "\(data)/\(file)")
                if let user { _ = try TestPostgres.run("/bin/chown", ["\(user):\(user)", "\(data)/\(file)"], as: nil) }
                _ = try TestPostgres.run("/bin/chmod", ["0600", "\(data)/\(file)"], as: nil)
            }
        }
    }

    deinit {
        cluster.destroy()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// `database.url` of a new database on `host`, with `query`.
    func url(host: String, _ query: String) throws -> String {
        let plain = try cluster.newDatabase()
        let name = plain.split(separator: "/").last!.split(separator: "?").first!
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

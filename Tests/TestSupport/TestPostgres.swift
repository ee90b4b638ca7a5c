import Foundation
import Locking
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A throw-away PostgreSQL cluster for tests: Debian's server binaries, a data directory under
/// the temporary folder, TCP on 127.0.0.1 at a free port, trust authentication, no fsync. As root
/// it runs as the `postgres` user (the server refuses root); otherwise as the user running the
/// tests. `make test` installs Debian's postgresql when it is missing.
///
/// ``shared()`` is one cluster for the whole test process, each test taking a database of its own
/// (``newDatabase()``); a test that stops and starts its server takes a cluster of its own (``start()``).
public final class TestPostgres: Sendable {
    public let port: Int
    public let directory: String
    private let binaries: String
    private let runAs: String?
    private let options: String
    private let databases = Atomic<Int>(0)

    /// Why no cluster can be started here, or nil when one can.
    public static var unavailableReason: String? {
        if binDirectory == nil {
            return "PostgreSQL's server programs are not installed (Debian: apt-get install postgresql; make test does it)"
        }
        if getuid() == 0, getpwnam("postgres") == nil {
            return "running as root without a postgres user to run the server as"
        }
        return nil
    }

    private static let sharedCluster = Locked<Result<TestPostgres, TestPostgresError>?>(nil)

    /// The process's cluster, started at the first call and stopped when the process exits.
    public static func shared() throws -> TestPostgres {
        try sharedCluster.withLock { cluster in
            if cluster == nil {
                do {
                    let started = try TestPostgres.start()
                    cluster = .success(started)
                    atexit { TestPostgres.stopShared() }
                    started.stopWhenProcessEnds()
                } catch let error as TestPostgresError {
                    cluster = .failure(error)
                } catch {
                    cluster = .failure(TestPostgresError(message: "\(error)"))
                }
            }
            return try cluster!.get()
        }
    }

    private static func stopShared() {
        if case .success(let cluster)? = sharedCluster.withLock({ $0 }) { cluster.destroy() }
    }

    /// The newest major version's server programs.
    static var binDirectory: String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        for version in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/postgres") {
            return "\(root)/\(version)/bin"
        }
        return nil
    }

    /// Starts a new cluster; ``destroy()`` stops it and deletes its files. `prepare` runs on the
    /// data directory before the server starts, and `options` are added to the server's.
    public static func start(options: String = "", prepare: (_ dataDirectory: String, _ runAs: String?) throws -> Void = { _, _ in }) throws -> TestPostgres {
        if let reason = unavailableReason { throw TestPostgresError(message: reason) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hp-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let runAs: String? = getuid() == 0 ? "postgres" : nil
        if runAs != nil { _ = try run("/bin/chown", ["postgres:postgres", directory], as: nil) }
        let cluster = TestPostgres(port: try freePort(), directory: directory, binaries: binDirectory!, runAs: runAs, options: options)
        _ = try run("\(cluster.binaries)/initdb", ["-D", cluster.dataDirectory, "-A", "trust", "-U", "planner", "--no-sync", "-E", "UTF8"], as: runAs)
        try prepare(cluster.dataDirectory, runAs)
        try cluster.startServer()
        return cluster
    }

    private init(port: Int, directory: String, binaries: String, runAs: String?, options: String) {
        self.port = port
        self.directory = directory
        self.binaries = binaries
        self.runAs = runAs
        self.options = options
    }

    public var dataDirectory: String { directory + "/data" }

    /// A new cluster that speaks TLS with a certificate for localhost and 127.0.0.1, signed by a
    /// test authority whose certificate is `folder/ca.pem`; `folder/other-ca.pem` is an authority
    /// that signed nothing. `folder` must exist.
    public static func startWithTLS(certificatesIn folder: String) throws -> TestPostgres {
        func openssl(_ arguments: [String]) throws { _ = try run("/usr/bin/openssl", arguments, as: nil) }
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
        return try start(options: "-c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key") { data, user in
            for file in ["server.crt", "server.key"] {
                try FileManager.default.copyItem(atPath: "\(folder)/\(file)", toPath: "\(data)/\(file)")
                if let user { _ = try run("/bin/chown", ["\(user):\(user)", "\(data)/\(file)"], as: nil) }
                _ = try run("/bin/chmod", ["0600", "\(data)/\(file)"], as: nil)
            }
        }
    }

    /// The bytes of every file of the database of `url` (its folder under `base`), after a
    /// checkpoint has written what the server held in memory; the write-ahead log is not included.
    public func files(ofDatabase url: String) throws -> Data {
        let name = Self.databaseName(url)
        _ = try psql(name, "CHECKPOINT")
        let oid = try psql(name, "SELECT oid FROM pg_database WHERE datname = current_database()").trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = dataDirectory + "/base/" + oid
        return try FileManager.default.contentsOfDirectory(atPath: folder).reduce(into: Data()) { all, file in
            all.append(FileManager.default.contents(atPath: folder + "/" + file) ?? Data())
        }
    }

    /// Starts the server (again), waiting until it accepts connections.
    public func startServer() throws {
        _ = try Self.run("\(binaries)/pg_ctl", [
            "-D", dataDirectory, "-l", directory + "/server.log", "-w", "-t", "60", "start", "-o",
            "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200 \(options)",
        ], as: runAs)
    }

    /// Stops the server at once, as a crash or a cut would (`-m immediate`).
    public func stopServer() throws {
        _ = try Self.run("\(binaries)/pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"], as: runAs)
    }

    /// A watchdog that stops the server and deletes its files once this process is gone, however
    /// it ends (a crash or a kill included).
    func stopWhenProcessEnds() {
        let stop = "\(binaries)/pg_ctl -D \(dataDirectory) -m immediate -w stop"
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            \(runAs.map { "/usr/sbin/runuser -u \($0) -- \(stop)" } ?? stop) >/dev/null 2>&1
            rm -rf \(directory)
            """
        var pid = pid_t()
        let words: [String] = ["/bin/sh", "-c", script]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        _ = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
    }

    /// Stops the server and deletes its files.
    public func destroy() {
        _ = try? stopServer()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A new empty database, as a `database.url`.
    public func newDatabase() throws -> String {
        let name = "test_\(getpid())_\(databases.wrappingAdd(1, ordering: .relaxed).newValue)"
        _ = try psql("postgres", "CREATE DATABASE \(name)")
        return url(database: name)
    }

    public func url(database: String) -> String {
        "postgres://planner@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// The database a `database.url` names: its path without the parameters.
    public static func databaseName(_ url: String) -> String {
        String(url.split(separator: "/").last?.split(separator: "?").first ?? "")
    }

    /// Runs a statement with psql and returns what it printed (unaligned, tuples only).
    @discardableResult
    public func psql(_ database: String, _ sql: String) throws -> String {
        try Self.run(FileManager.default.isExecutableFile(atPath: "\(binaries)/psql") ? "\(binaries)/psql" : "/usr/bin/psql", [
            "-h", "127.0.0.1", "-p", "\(port)", "-U", "planner", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql,
        ], as: nil)
    }

    /// Runs one of PostgreSQL's client programs (pg_dump, pg_restore) against this server as the
    /// role `planner`, with `arguments` after the connection's.
    @discardableResult
    public func client(_ program: String, _ arguments: [String]) throws -> String {
        try Self.run("\(binaries)/\(program)", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "planner"] + arguments, as: nil)
    }

    /// Runs a program (through runuser as `user`), waits for it, and returns what it printed.
    /// posix_spawn and waitpid, with the output in a file: pg_ctl leaves a server behind that must
    /// not hold a pipe of ours open.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], as user: String?) throws -> String {
        let argv = (user.map { ["/usr/sbin/runuser", "-u", $0, "--", program] } ?? [program]) + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hp-pg-run-\(UUID().uuidString)").path
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid = pid_t()
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw TestPostgresError(message: "cannot run \(argv[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        // Exited normally with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw TestPostgresError(message: "\((program as NSString).lastPathComponent) failed (\(status)): \(text)")
        }
        return text
    }

    /// A TCP port nothing listens on now.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestPostgresError(message: "no socket for a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw TestPostgresError(message: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct TestPostgresError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

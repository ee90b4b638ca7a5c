import Foundation

/// Where and how to reach PostgreSQL: `database.url` of the configuration, such as
/// `postgres://planner@db.example.org:5432/planner?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem`,
/// and the size of the pool of connections each daemon keeps.
public struct PostgresSettings: Sendable, Equatable {
    /// How the connection is encrypted, with the names libpq gives them.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP: for a database on the same host or a private network only.
        case disable
        /// TLS when the server offers it, its certificate unchecked.
        case prefer
        /// TLS always, its certificate unchecked (a passive listener learns nothing).
        case require
        /// TLS always, the certificate checked against the trusted roots and the host name.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    /// Better kept out of the URL: `database.passwordFile` names a file that holds it.
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// `sslrootcert`: a PEM file of the roots trusted for `verify-full`; the system's when nil.
    public var rootCertificateFile: String?
    /// Connections kept open to serve requests (the leader's session and the listener are two more).
    public var poolSize: Int
    /// The longest a connection attempt, or a statement's answer, is waited for before the
    /// database counts as unreachable.
    public var connectTimeout: Duration
    public var statementTimeout: Duration

    public static let defaultPoolSize = 8

    public init(
        host: String, port: Int = 5432, username: String, password: String? = nil, database: String, tls: TLSMode = .prefer,
        rootCertificateFile: String? = nil, poolSize: Int = defaultPoolSize, connectTimeout: Duration = .seconds(5),
        statementTimeout: Duration = .seconds(15)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.rootCertificateFile = rootCertificateFile
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
    }

    /// Reads a `postgres://` (or `postgresql://`) URL; the error is a sentence about the URL, which
    /// it never quotes (it may carry a password).
    public init(url text: String) throws(PostgresURLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw PostgresURLError("is not a URL such as postgres://planner@db.example.org/planner")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw PostgresURLError("must start with postgres:// (not \(scheme)://)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresURLError("names no host: postgres://USER@HOST[:PORT]/DATABASE")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresURLError("names no user (role): postgres://USER@HOST[:PORT]/DATABASE")
        }
        let name = String(components.path.drop(while: { $0 == "/" }))
        guard !name.isEmpty, !name.contains("/") else {
            throw PostgresURLError("names no database: postgres://USER@HOST[:PORT]/DATABASE")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw PostgresURLError("has port \(port), which is not 1 to 65535") }
        self.init(
            host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: port,
            username: user.removingPercentEncoding ?? user, password: components.password.map { $0.removingPercentEncoding ?? $0 },
            database: name.removingPercentEncoding ?? name)
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                // libpq's allow is prefer here, verify-ca is verify-full (the name is checked too).
                let value = item.value ?? ""
                switch value {
                case "allow": tls = .prefer
                case "verify-ca": tls = .verifyFull
                default:
                    guard let mode = TLSMode(rawValue: value) else {
                        throw PostgresURLError(
                            "has sslmode=\(value), which is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    tls = mode
                }
            case "sslrootcert":
                guard let path = item.value, path.hasPrefix("/") else {
                    throw PostgresURLError("has an sslrootcert that is not an absolute path")
                }
                rootCertificateFile = path
            case "connect_timeout":
                guard let seconds = item.value.flatMap(Int.init), (1...300).contains(seconds) else {
                    throw PostgresURLError("has a connect_timeout that is not a whole number of seconds from 1 to 300")
                }
                connectTimeout = .seconds(seconds)
            default:
                throw PostgresURLError("has the parameter \(item.name), which is not one of sslmode, sslrootcert, connect_timeout")
            }
        }
    }

    /// The URL without its password, for the log and the metrics.
    public var redacted: String {
        "postgres://\(username)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }
}

/// What is wrong with a `database.url`, as the end of a sentence that starts with the field.
public struct PostgresURLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

import Foundation
import PlannerStore
import PlannerStorePostgres

/// `database` in the configuration: several daemons on one PostgreSQL database.
public struct DatabaseConfiguration: Sendable, Equatable {
    /// From `database.url`; nil only while a configuration with errors is being read.
    public var settings: PostgresSettings?
    /// `database.passwordFile`: a file (mode 0600, owned by the service's user) holding the role's
    /// password, so that the configuration file need not.
    public var passwordFile: String?
    /// `database.poolSize`: connections each daemon keeps for requests (default 8).
    public var poolSize: Int = PostgresSettings.defaultPoolSize
    /// `database.instance`: this daemon's name in `/readyz` and `/metrics`; the host name and the
    /// listen port when absent.
    public var instance: String?

    public init(settings: PostgresSettings?, passwordFile: String? = nil, poolSize: Int = PostgresSettings.defaultPoolSize, instance: String? = nil) {
        self.settings = settings
        self.passwordFile = passwordFile
        self.poolSize = poolSize
        self.instance = instance
    }

    /// The settings to connect with: the URL's, the pool size, and the password file's first line.
    public func connectionSettings() throws -> PostgresSettings {
        guard var settings else { throw StoreError(.unopenable, "database.url is missing.") }
        settings.poolSize = poolSize
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw StoreError(.unopenable, "Cannot read the database password file \(passwordFile) (database.passwordFile).")
            }
            settings.password = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        }
        return settings
    }
}

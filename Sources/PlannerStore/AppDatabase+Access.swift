import Foundation
import GRDB

/// A calendar feed link: one interpreter's or officer's calendar, readable by whoever has the
/// link's secret. Only the secret's SHA-256 is kept, as for tokens.
public struct CalendarFeed: Sendable, Equatable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "calendarFeed"

    public var id: Int64?
    /// The interpreter's or officer's id.
    public var person: String
    /// `sha256:` and 64 hexadecimal digits.
    public var secretHash: String
    public var createdAt: Date
    /// The name of the token that made the link.
    public var createdBy: String
    public var lastUsedAt: Date?

    public init(id: Int64? = nil, person: String, secretHash: String, createdAt: Date, createdBy: String, lastUsedAt: Date? = nil) {
        self.id = id
        self.person = person
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.lastUsedAt = lastUsedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AppDatabase {
    // MARK: Tokens

    /// Records that the token named `name` was used at `time`.
    public func recordTokenUse(name: String, at time: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO tokenUse (name, lastUsed) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET lastUsed = excluded.lastUsed",
                arguments: [name, time])
        }
    }

    /// When each token was last used, by name; a database older than this table gives none.
    public func tokenUses() throws -> [String: Date] {
        try writer.read { db in
            guard try db.tableExists("tokenUse") else { return [:] }
            var uses: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, lastUsed FROM tokenUse") {
                uses[row["name"]] = row["lastUsed"]
            }
            return uses
        }
    }

    // MARK: Calendar feeds

    public func addFeed(_ feed: CalendarFeed) throws -> CalendarFeed {
        try writer.write { db in
            var feed = feed
            try feed.insert(db)
            return feed
        }
    }

    /// Every feed link, oldest first.
    public func feeds() throws -> [CalendarFeed] {
        try writer.read { db in try CalendarFeed.order(Column("id")).fetchAll(db) }
    }

    /// The feed whose secret has this hash, if it was not revoked.
    public func feed(secretHash: String) throws -> CalendarFeed? {
        try writer.read { db in try CalendarFeed.filter(Column("secretHash") == secretHash).fetchOne(db) }
    }

    public func markFeedUsed(id: Int64, at time: Date) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE calendarFeed SET lastUsedAt = ? WHERE id = ?", arguments: [time, id])
        }
    }

    /// Deletes a feed link; false when there is none with that id.
    public func revokeFeed(id: Int64) throws -> Bool {
        try writer.write { db in try CalendarFeed.deleteOne(db, key: id) }
    }
}

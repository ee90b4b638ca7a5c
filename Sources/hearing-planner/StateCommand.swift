import ArgumentParser
import Foundation
import PlannerModel
import PlannerServer
import Logging
import PlannerStore
import PlannerStorePostgres

/// `hearing-planner state ...`: the daemon's database for operators and data protection officers.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Back up, restore, check, prune and erase the daemon's state (state.sqlite, or the shared PostgreSQL database).",
        discussion: """
            The state directory is --state-dir, else the configuration's stateDirectory (--config, \
            by default /etc/hearing-planner/config.json when it exists), else /var/lib/hearing-planner. \
            backup and check work while the daemon runs; restore, prune and erase need it stopped \
            (systemctl stop hearing-planner) and refuse otherwise, naming the process. Run as root, \
            files created in the state directory are given to its owner. With a shared PostgreSQL \
            database (database in the configuration), check, prune and erase work on it, prune and \
            erase only while no daemon is connected to it; backup and restore are PostgreSQL's own \
            (pg_dump, pg_restore). See docs/operations.md and docs/privacy.md.
            """,
        subcommands: [Backup.self, Restore.self, Check.self, Prune.self, Erase.self])

    /// Where the state is.
    struct Location: ParsableArguments {
        @Option(help: ArgumentHelp("The daemon's configuration file, for its stateDirectory and retention.", valueName: "file"))
        var config: String?

        @Option(help: ArgumentHelp("The state directory (overrides the configuration).", valueName: "dir"))
        var stateDir: String?

        static let packagedConfiguration = "/etc/hearing-planner/config.json"

        func configuration() throws -> ServerConfiguration {
            let path = config ?? (FileManager.default.fileExists(atPath: Self.packagedConfiguration) ? Self.packagedConfiguration : nil)
            var configuration: ServerConfiguration
            do {
                configuration = try path.map(ServerConfiguration.load) ?? ServerConfiguration()
            } catch let error as ConfigurationError {
                throw Serve.failure(error.description)
            }
            if let stateDir { configuration.stateDirectory = stateDir }
            return configuration
        }

        static func databasePath(in directory: String) -> String {
            (directory as NSString).appendingPathComponent(AppDatabase.fileName)
        }

        /// The shared PostgreSQL database of `configuration`, opened; nil when the state is SQLite's.
        static func sharedStore(_ configuration: ServerConfiguration) throws -> PostgresStore? {
            guard let shared = configuration.database else { return nil }
            var logger = Logger(label: "hearing-planner")
            logger.logLevel = .error
            do {
                return try PostgresStore(settings: try shared.connectionSettings(), logger: logger)
            } catch let error as ConfigurationError {
                throw Serve.failure(error.description)
            } catch let error as StoreError {
                throw Serve.failure(error.description)
            }
        }

        /// Refuses a command that PostgreSQL's own tools do for a shared database.
        static func refuseShared(_ configuration: ServerConfiguration, _ command: String, use tool: String) throws {
            guard configuration.database != nil else { return }
            throw Serve.failure(
                "The state is in a shared PostgreSQL database (database in the configuration): \(command) it with \(tool), "
                    + "as docs/operations.md shows (Backup and restore).")
        }
    }

    /// Runs `body` on the shared database held for a state command (no daemon connected), turning
    /// store errors into a message and exit status 1.
    static func holding<T>(_ store: PostgresStore, _ body: (MaintenanceHold) throws -> T) throws -> T {
        defer { store.close() }
        do {
            let hold = try store.holdForMaintenance()
            defer { hold.release() }
            return try body(hold)
        } catch let error as StoreError {
            throw Serve.failure(error.description)
        }
    }

    /// Runs `body`, turning store errors into a message and exit status 1, and gives files
    /// created in the state directory to its owner afterwards.
    static func perform<T>(in directory: String, _ body: () throws -> T) throws -> T {
        defer { StateFiles.giveToOwner(directory: directory) }
        do {
            return try body()
        } catch let error as StoreError {
            throw Serve.failure(error.description)
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the database to FILE, consistently, while the daemon runs (SQLite's online backup).",
            discussion: """
                FILE is written with mode 0600 and appears only once complete. It holds personal \
                data: keep it encrypted and delete it by your retention rules (docs/privacy.md).
                """)

        @Argument(help: "The backup file to write; it must not exist.")
        var file: String

        @OptionGroup var location: Location

        func run() throws {
            let configuration = try location.configuration()
            try Location.refuseShared(configuration, "back up", use: "pg_dump")
            guard !FileManager.default.fileExists(atPath: file) else {
                throw ValidationError("\(file) exists already; give a new file name.")
            }
            let directory = configuration.stateDirectory
            let path = Location.databasePath(in: directory)
            let report = try StateCommand.perform(in: directory) {
                let database = try AppDatabase.openExisting(path: path)
                try database.backup(to: file)
                return try AppDatabase.openExisting(path: file).check()
            }
            print("Backed up \(path) to \(file): \(Check.summary(report)).")
            guard report.isHealthy else {
                printError("warning: the backup has problems:\n" + report.problems.map { "  \($0)" }.joined(separator: "\n"))
                throw ExitCode.failure
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the daemon's database with a backup (the daemon must be stopped).",
            discussion: """
                The backup is checked first (state check); one with problems, or made by a newer \
                version, is refused and nothing changes. The database is replaced in one \
                transaction and keeps its owner and mode; the daemon migrates it when it starts. \
                Events accepted after the backup was taken are lost: send them again (events are \
                idempotent by id). An erasure made after the backup must be made again.
                """)

        @Argument(help: "The backup file, as written by state backup.")
        var file: String

        @OptionGroup var location: Location

        func run() throws {
            let configuration = try location.configuration()
            try Location.refuseShared(configuration, "restore", use: "pg_restore")
            let directory = configuration.stateDirectory
            let report = try StateCommand.perform(in: directory) { () throws -> StateCheck in
                let lock = try StateLock.acquire(directory: directory, purpose: "state restore")
                defer { lock.release() }
                let backup = try AppDatabase.openExisting(path: file)
                let found = try backup.check()
                guard found.unknownMigrations.isEmpty else {
                    throw StoreError(.invalidBackup, "\(file) was made by a newer version of hearing-planner; restore it with that version.")
                }
                guard found.isHealthy else {
                    throw StoreError(.invalidBackup, "\(file) has problems; nothing was restored:\n" + found.problems.map { "  \($0)" }.joined(separator: "\n"))
                }
                let database = try AppDatabase.open(stateDirectory: directory)
                try database.restore(from: backup)
                try database.recordAudit(AuditEntry(
                    time: Date(), tokenName: "state restore", action: "restore",
                    outcome: "restored a backup: \(found.planVersions) plan version(s), \(found.events) event(s)"))
                return try database.check()
            }
            print("Restored \(file) into \(directory): \(Check.summary(report)). Start the daemon now.")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the database: SQLite's integrity, then that every stored document reads back and fits the others.",
            discussion: "Exits 0 when all is well, 1 with each problem listed otherwise. Works while the daemon runs.")

        @Option(help: ArgumentHelp("Check this database file (a backup, say) instead of the state directory's.", valueName: "file"))
        var file: String?

        @OptionGroup var location: Location

        func run() throws {
            let path: String
            let report: StateCheck
            let configuration = try location.configuration()
            if file == nil, let store = try Location.sharedStore(configuration) {
                path = "the shared database"
                defer { store.close() }
                do { report = try store.check() } catch let error as StoreError { throw Serve.failure(error.description) }
            } else {
                let directory = configuration.stateDirectory
                path = file ?? Location.databasePath(in: directory)
                report = try StateCommand.perform(in: directory) { try AppDatabase.openExisting(path: path).check() }
            }
            print("\(path): \(Self.summary(report)).")
            if !report.missingMigrations.isEmpty {
                print("The daemon will bring its schema up to date when it starts (\(report.missingMigrations.joined(separator: ", "))).")
            }
            if !report.unknownMigrations.isEmpty {
                printError("error: made by a newer version of hearing-planner (\(report.unknownMigrations.joined(separator: ", "))).")
            }
            guard report.isHealthy else {
                printError("error: \(report.problems.count) problem(s):\n" + report.problems.map { "  \($0)" }.joined(separator: "\n"))
                throw ExitCode.failure
            }
            print("ok")
        }

        static func summary(_ report: StateCheck) -> String {
            "\(report.rosters) roster(s), \(report.events) event(s) (\(report.pendingEvents) pending), "
                + "\(report.planVersions) plan version(s)\(report.latestVersion.map { ", the latest \($0)" } ?? ""), "
                + "\(report.auditRows) audit row(s), \(report.calendarFeeds) calendar feed link(s)"
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete the rosters, events and plans of horizons that ended before a day (the daemon must be stopped).",
            discussion: """
                Without --before: what the daemon deletes by itself each day, the horizons that ended \
                more than retention.days ago (and audit rows older than retention.auditDays). The \
                pruning is recorded in the audit trail with its counts; the figures of each pruned \
                horizon's last plan are kept without ids. The file is compacted afterwards.
                """)

        @Option(help: ArgumentHelp("Delete horizons whose last day is before this day.", valueName: "yyyy-mm-dd"))
        var before: String?

        @OptionGroup var location: Location

        func validate() throws {
            if let before, Day(before) == nil { throw ValidationError("--before must be a day such as 2026-12-31.") }
        }

        func run() throws {
            let configuration = try location.configuration()
            let directory = configuration.stateDirectory
            let now = Date()
            let rule = RetentionRule(days: configuration.retentionDays, auditDays: configuration.auditRetentionDays)
            let cutoff = before.flatMap(Day.init) ?? rule.cutoff(today: RetentionRule.day(of: now))
            let auditBefore = before == nil ? rule.auditCutoff(now: now) : nil
            let outcome = if let store = try Location.sharedStore(configuration) {
                try StateCommand.holding(store) { hold in
                    try store.prune(horizonsEndedBefore: cutoff, auditBefore: auditBefore, at: now, actor: "state prune", holding: hold)
                }
            } else {
                try StateCommand.perform(in: directory) { () throws -> PruneOutcome in
                    let lock = try StateLock.acquire(directory: directory, purpose: "state prune")
                    defer { lock.release() }
                    let database = try AppDatabase.open(stateDirectory: directory)
                    return try database.prune(horizonsEndedBefore: cutoff, auditBefore: auditBefore, at: now, actor: "state prune")
                }
            }
            print(outcome.isEmpty ? "Nothing to prune: no horizon ended before \(cutoff)." : "Pruned horizons that ended before \(cutoff): \(outcome.summary).")
        }
    }

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase hearings (one applicant's) from every stored roster, plan and event (the daemon must be stopped).",
            discussion: """
                For a request for erasure: give every hearing id of the applicant. Each is taken out \
                of every roster, plan version and event; where another hearing's evidence names it, \
                the id is replaced by "(erased)". The audit trail records the erasure with counts, \
                never the ids, and the file is compacted so that nothing of them is left in it. \
                Backups made before still hold the data (docs/privacy.md). On a shared PostgreSQL \
                database every daemon must be stopped; the tables are written anew (VACUUM FULL), \
                and PostgreSQL's write-ahead log, its archive, replicas and dumps hold the data until \
                they are recycled (docs/privacy.md).
                """)

        @Option(name: .customLong("hearing"), help: ArgumentHelp("A hearing id to erase; repeat for each.", valueName: "id"))
        var hearings: [String] = []

        @OptionGroup var location: Location

        func validate() throws {
            if hearings.isEmpty { throw ValidationError("Give at least one --hearing ID.") }
        }

        func run() throws {
            let configuration = try location.configuration()
            let directory = configuration.stateDirectory
            let outcome = if let store = try Location.sharedStore(configuration) {
                try StateCommand.holding(store) { hold in
                    try store.erase(hearings: Set(hearings), at: Date(), actor: "state erase", holding: hold)
                }
            } else {
                try StateCommand.perform(in: directory) { () throws -> ErasureOutcome in
                    let lock = try StateLock.acquire(directory: directory, purpose: "state erase")
                    defer { lock.release() }
                    let database = try AppDatabase.open(stateDirectory: directory)
                    return try database.erase(hearings: Set(hearings), at: Date(), actor: "state erase")
                }
            }
            guard !outcome.isEmpty else {
                printError("No stored roster, plan or event names \(hearings.count == 1 ? "this hearing" : "these hearings"); nothing was changed.")
                throw ExitCode.failure
            }
            print("Erased \(hearings.count) hearing(s) from \(outcome.summary). Start the daemon\(configuration.database == nil ? "" : "s") again.")
        }
    }
}

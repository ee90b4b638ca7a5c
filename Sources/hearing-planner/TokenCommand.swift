import ArgumentParser
import Foundation
import PlannerServer
import PlannerStore

/// `hearing-planner token ...`: managing the daemon's bearer tokens.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage the bearer tokens of the daemon (`hearing-planner serve`).",
        discussion: """
            The token file keeps a name, a role, the SHA-256 of each token (never the token), when \
            it was made and when it expires. After add or revoke, `systemctl reload \
            hearing-planner` makes the running daemon read the file again: a revoked token stops \
            working at once, for the API and for console sessions. The file is \
            /etc/hearing-planner/tokens unless --tokens says otherwise. See docs/operations.md.
            """,
        subcommands: [Add.self, List.self, Revoke.self])

    static let defaultFile = "/etc/hearing-planner/tokens"

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token, store its hash in the token file and print the token once.",
            discussion: """
                The token is printed on standard output and nowhere else: hand it to its holder now, \
                it cannot be shown again. The file is created with mode 0600 if it does not exist, \
                and replaced atomically otherwise.
                """)

        enum RoleArgument: String, ExpressibleByArgument, CaseIterable {
            case planner, viewer
        }

        @Argument(help: "A name for the holder (letters, digits, '.', '_', '-'); it appears in the audit trail.")
        var name: String

        @Option(help: "planner (may read and write) or viewer (may only read).")
        var role: RoleArgument

        @Option(help: "The token file.")
        var tokens: String = TokenCommand.defaultFile

        @Option(help: ArgumentHelp("The token stops working after this many days.", valueName: "days"))
        var expiresIn: Int?

        func validate() throws {
            if let expiresIn, !(1...3650).contains(expiresIn) { throw ValidationError("--expires-in must be 1 to 3650 days.") }
        }

        func run() throws {
            let token: String
            let now = Date()
            let expires = expiresIn.map { now.addingTimeInterval(Double($0) * 86_400) }
            do {
                token = try TokenFile.add(name: name, role: role == .planner ? .planner : .viewer, path: tokens, created: now, expires: expires)
            } catch let error as TokenFileError {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            print(token)
            let until = expires.map { ", valid until \(TokenFile.timeText($0))" } ?? ""
            printError("Added the \(role.rawValue) token \"\(name)\" to \(tokens)\(until); it is printed above and will not be shown again. "
                + "A running daemon takes it after `systemctl reload hearing-planner`.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tokens: name, role, when made, when it expires, when last used.",
            discussion: """
                The last use is what the daemon recorded in its state database (to the minute), read \
                from the state directory (--state-dir, else the configuration's); without it, \
                "unknown".
                """)

        @Option(help: "The token file.")
        var tokens: String = TokenCommand.defaultFile

        @OptionGroup var location: StateCommand.Location

        func run() throws {
            let file: TokenFile
            do {
                file = try TokenFile.load(path: tokens)
            } catch let error as TokenFileError {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            var uses: [String: Date]?
            let configuration = try? location.configuration()
            if let configuration, let store = try? StateCommand.Location.sharedStore(configuration) {
                uses = try? store.tokenUses()
                store.close()
            } else if let path = configuration.map({ StateCommand.Location.databasePath(in: $0.stateDirectory) }),
                      FileManager.default.fileExists(atPath: path)
            {
                uses = try? AppDatabase.openExisting(path: path).tokenUses()
                if let directory = configuration?.stateDirectory { StateFiles.giveToOwner(directory: directory) }
            }
            let now = Date()
            let rows = [["NAME", "ROLE", "CREATED", "EXPIRES", "LAST USED"]] + file.listings.map { listing in
                let expires = listing.expires.map { TokenFile.timeText($0) + (listing.isExpired(at: now) ? " (expired)" : "") } ?? "never"
                let used = uses.map { $0[listing.record.name].map(TokenFile.timeText) ?? "never" } ?? "unknown"
                return [listing.record.name, listing.record.role.rawValue, listing.created.map(TokenFile.timeText) ?? "unknown", expires, used]
            }
            let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                print(row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a token's line from the token file; reload the daemon for it to take effect.",
            discussion: """
                Then `systemctl reload hearing-planner`: the daemon reads the file again, and the \
                token stops working at once for the API and for console sessions signed in with it.
                """)

        @Argument(help: "The token's name, as token list shows it.")
        var name: String

        @Option(help: "The token file.")
        var tokens: String = TokenCommand.defaultFile

        func run() throws {
            do {
                try TokenFile.revoke(name: name, path: tokens)
            } catch let error as TokenFileError {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            printError("Revoked the token \"\(name)\" in \(tokens); run `systemctl reload hearing-planner` so that the daemon stops accepting it.")
        }
    }
}

import ArgumentParser
import PlannerServer

/// `hearing-planner token ...`: managing the daemon's bearer tokens.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage the bearer tokens of the daemon (`hearing-planner serve`).",
        discussion: """
            The token file keeps a name, a role and the SHA-256 of each token, never the token. \
            To revoke a token, delete its line from the file and restart the daemon. See \
            docs/operations.md.
            """,
        subcommands: [Add.self])

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
        var tokens: String

        func run() throws {
            let token: String
            do {
                token = try TokenFile.add(name: name, role: role == .planner ? .planner : .viewer, path: tokens)
            } catch let error as TokenFileError {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            print(token)
            printError("Added the \(role.rawValue) token \"\(name)\" to \(tokens); it is printed above and will not be shown again.")
        }
    }
}

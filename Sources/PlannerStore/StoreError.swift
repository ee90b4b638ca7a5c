/// A failure of the state database that an operator can act on: a code to match and a sentence.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong; more codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: Name

        init(_ name: Name) { self.name = name }

        enum Name: String {
            case unopenable, unknownRoster, corrupt, locked, invalidBackup, unavailable, logMoved, notLeader, maintenance
        }

        /// The state directory or database cannot be created or opened.
        public static let unopenable = Code(.unopenable)
        /// A write names a roster that was never stored.
        public static let unknownRoster = Code(.unknownRoster)
        /// A stored document cannot be read back.
        public static let corrupt = Code(.corrupt)
        /// Another process holds the state directory (``StateLock``).
        public static let locked = Code(.locked)
        /// A file given to restore is not a backup this version can restore.
        public static let invalidBackup = Code(.invalidBackup)

        /// The database server cannot be reached now (PostgreSQL stopped, the network cut): nothing
        /// was stored; the same write may be tried again later.
        public static let unavailable = Code(.unavailable)
        /// Another daemon changed the event log since the batch was checked: catch up, check again.
        public static let logMoved = Code(.logMoved)
        /// This daemon no longer leads (another one re-plans): its plan was not stored.
        public static let notLeader = Code(.notLeader)
        /// A state command (erase, prune) holds the shared database, or changed it after this
        /// daemon read it: the daemon starts afresh once the command has ended.
        public static let maintenance = Code(.maintenance)

        public var description: String { name.rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension StoreError {
    /// Another writer changed the log since the batch was checked.
    public static let logMoved = StoreError(.logMoved, "The event log changed while the batch was being checked; check it again.")
}

/// A failure of the state database that an operator can act on: a code to match and a sentence.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong; more codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: Name

        init(_ name: Name) { self.name = name }

        enum Name: String {
            case unopenable, unknownRoster, corrupt, locked, invalidBackup
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

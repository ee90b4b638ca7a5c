/// One thing wrong with a ``LinearProgram``, found before any solver sees it.
public struct ModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of mistake it is. New codes may be added; compare with the named constants.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case nonFiniteNumber, invalidBounds, columnOutOfRange, duplicateColumn
            case binaryBoundsOutsideUnitInterval, nonIntegralBound, invalidName, tooLarge
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A coefficient, objective coefficient, constant or bound is NaN, or a coefficient is infinite.
        public static let nonFiniteNumber = Code(.nonFiniteNumber)
        /// A lower bound exceeds its upper bound, or a bound is infinite on the wrong side.
        public static let invalidBounds = Code(.invalidBounds)
        /// A row refers to a column index that does not exist.
        public static let columnOutOfRange = Code(.columnOutOfRange)
        /// A row names the same column twice.
        public static let duplicateColumn = Code(.duplicateColumn)
        /// A binary column has a bound below 0 or above 1.
        public static let binaryBoundsOutsideUnitInterval = Code(.binaryBoundsOutsideUnitInterval)
        /// An integer or binary column has a finite bound that is not a whole number.
        public static let nonIntegralBound = Code(.nonIntegralBound)
        /// A name is too long or contains a control character or whitespace.
        public static let invalidName = Code(.invalidName)
        /// The program has more rows, columns or nonzeros than the solver accepts.
        public static let tooLarge = Code(.tooLarge)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// A sentence saying what is wrong and where.
    public let message: String
    /// The row concerned, if any (0-based).
    public let row: Int?
    /// The column concerned, if any (0-based).
    public let column: Int?

    public init(code: Code, message: String, row: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.row = row
        self.column = column
    }

    public var description: String { message }
}

/// Why a solve or an export could not start or finish. An infeasible, unbounded or
/// time-limited solve is not an error: it is a ``Solution`` with a ``TerminationStatus``.
public struct SolveError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidModel, invalidOptions, fileError, internalFailure
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The program failed validation; ``SolveError/modelErrors`` says why.
        public static let invalidModel = Code(.invalidModel)
        /// A ``SolveOptions`` value is out of range (a negative time limit, a starting
        /// solution of the wrong length, ...).
        public static let invalidOptions = Code(.invalidOptions)
        /// A model file could not be written or read.
        public static let fileError = Code(.fileError)
        /// The solver failed in a way the caller cannot fix.
        public static let internalFailure = Code(.internalFailure)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// A sentence a user can act on.
    public let message: String
    /// For ``Code/invalidModel``: the problems found (at most the validation limit).
    public let modelErrors: [ModelError]

    public init(code: Code, message: String, modelErrors: [ModelError] = []) {
        self.code = code
        self.message = message
        self.modelErrors = modelErrors
    }

    /// The error for a program that failed validation.
    public static func invalidModel(_ errors: [ModelError]) -> SolveError {
        let first = errors.first?.message ?? "The model is invalid."
        let more = errors.count > 1 ? " (and \(errors.count - 1) more problem\(errors.count > 2 ? "s" : ""))" : ""
        return SolveError(code: .invalidModel, message: first + more, modelErrors: errors)
    }

    public var description: String { message }
}

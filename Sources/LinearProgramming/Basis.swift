/// A simplex basis: which columns and rows (their slacks) are basic, and where each nonbasic one
/// sits. A solve given a basis starts from it instead of from scratch; for a program that differs
/// from the one the basis came from only in its objective, bounds or rows added at the end, the
/// simplex method then has a few pivots to make instead of tens of thousands.
public struct Basis: Sendable, Equatable {
    public enum Status: UInt8, Sendable {
        case basic
        /// Nonbasic at its lower bound (or free, or fixed).
        case lower
        /// Nonbasic at its upper bound.
        case upper
    }

    public var columns: [Status]
    /// One status per row; rows of a later program beyond these start basic.
    public var rows: [Status]

    public init(columns: [Status], rows: [Status]) {
        self.columns = columns
        self.rows = rows
    }

    /// Whether the basis can start a solve of a program with this many columns and rows.
    public func fits(columns columnCount: Int, rows rowCount: Int) -> Bool {
        columns.count == columnCount && rows.count <= rowCount
    }
}

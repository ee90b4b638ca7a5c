/// What the domain gives the search: a way to turn a point of the relaxation into a point of the
/// program (a plan), improved until a deadline. The search dives on the relaxation and calls it
/// wherever it stops; it knows nothing of what the columns mean.
public protocol RoundingStrategy: Sendable {
    /// A point of the program from `point`, a point of its relaxation, improved until `deadline`
    /// (not at all for nil); `rowDuals` are the relaxation's row multipliers when its method gives
    /// them (the first-order method's, in `LinearProgram.dualBound`'s convention).
    func round(_ point: [Double], until deadline: ContinuousClock.Instant?, rowDuals: [Double]?) -> [Double]
}

/// Every point rounds to one fixed point: for re-planning, where the published plan is what any
/// relaxation's point rounds to (it keeps everything it can).
public struct FixedRounding: RoundingStrategy {
    public let values: [Double]

    public init(_ values: [Double]) { self.values = values }

    public func round(_ point: [Double], until deadline: ContinuousClock.Instant?, rowDuals: [Double]?) -> [Double] { values }
}

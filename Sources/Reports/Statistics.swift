import Foundation

/// The few statistics the report uses, each defined the way docs/reports.md explains it.
public enum Statistics {
    /// z for a two-sided 95 % interval: the 97.5th percentile of the standard normal distribution.
    public static let z95 = 1.959963984540054

    /// The Wilson score interval for `successes` out of `trials`, at 95 %; `nil` when `trials` is 0.
    ///
    /// Chosen over the textbook `p ± z·√(p(1−p)/n)` because it stays inside 0...1 and is honest for
    /// small groups and for rates near 0 % or 100 %, which is where preferences often are.
    public static func wilson(successes: Int, trials: Int, z: Double = z95) -> ClosedRange<Double>? {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return max(0, centre - half)...min(1, centre + half)
    }

    /// The median: the middle value, or the mean of the two middle values; `nil` when empty.
    public static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return Double(sorted[middle]) }
        return Double(sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The nearest-rank percentile: the smallest value with at least `percent` % of the values at or
    /// below it. Always one of the values, so "90th percentile 12 working days" means that 9 in 10
    /// waited 12 working days or less. `nil` when empty.
    public static func percentile(_ percent: Int, of values: [Int]) -> Int? {
        guard !values.isEmpty, (1...100).contains(percent) else { return nil }
        let sorted = values.sorted()
        let rank = (percent * sorted.count + 99) / 100  // ceil(percent/100 · n), in integers
        return sorted[max(1, rank) - 1]
    }

    /// The Gini coefficient of non-negative counts: 0 when everyone has the same, towards 1 when one
    /// person has everything. The mean absolute difference between all pairs, over twice the mean.
    /// `nil` when there is nobody or the counts add up to 0.
    public static func gini(_ values: [Int]) -> Double? {
        let total = values.reduce(0, +)
        guard !values.isEmpty, total > 0 else { return nil }
        var differences = 0
        for a in values {
            for b in values { differences += abs(a - b) }
        }
        let n = Double(values.count)
        return Double(differences) / (2 * n * Double(total))
    }
}

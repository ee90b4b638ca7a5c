/// The median of a sample of measurements: what the benchmark reports for repeated runs.
enum Median {
    /// The middle value, or the mean of the two middle values; nil for no values.
    static func of(_ values: [Double]) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// The index of the run whose value is the median (the lower of the two middle ones for an
    /// even count), so that its other figures (status, objective) can be reported with it.
    static func index(of values: [Double]) -> Int? {
        let order = values.indices.sorted { values[$0] < values[$1] }
        guard !order.isEmpty else { return nil }
        return order[(order.count - 1) / 2]
    }
}

/// How the report writes numbers, the same in every format: fractions rounded to 3 decimals,
/// percentages to 1 decimal, whole numbers without a decimal point.
enum ReportNumber {
    /// Rounded to 3 decimals: what JSON and CSV carry for rates, intervals and the Gini coefficient.
    static func fraction(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }

    /// A number as JSON writes it: `3`, `0.864`, `2.5`.
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// A fraction as a percentage with one decimal: `0.864` is `86.4%`.
    static func percent(_ value: Double) -> String {
        let tenths = Int((fraction(value) * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

/// The weights of the score (scheduling-model.md), with the spec's defaults.
public struct Policy: Sendable, Equatable {
    public struct PreferencePenalty: Sendable, Equatable {
        public var standard: Double
        public var high: Double

        public init(standard: Double = 20, high: Double = 60) {
            self.standard = standard
            self.high = high
        }

        public subscript(priority: Priority) -> Double {
            switch priority {
            case .standard: standard
            case .high: high
            }
        }
    }

    public var hearingValue: Double = 10
    public var ageWeight: Double = 1
    public var delayWeight: Double = 1
    public var deadlineBonus: Double = 1000
    public var preferencePenalty = PreferencePenalty()
    public var unregisteredPenalty: Double = 5
    public var fallbackLanguagePenalty: Double = 10
    public var changePenalty: Double = 10
    public var freezeHours: Double = 48
    /// At most this many unforced changes when re-planning; `nil` for no cap.
    public var maxChanges: Int?

    public init() {}

    /// The largest weight a policy may set. Every term of the score is then at most about 10^9
    /// (a weight times a few hundred working days), and the program's coefficients stay within the
    /// range where the simplex method's tolerances (about 10^-9 relative) still tell a whole point
    /// of score apart; 10^308 would turn into an infinite coefficient. Weights are not negative:
    /// a negative penalty would reward the very thing it names (an unmet preference, a change), and
    /// the model's proofs (docs/model.md) rely on each penalty pulling the right way.
    public static let maximumWeight: Double = 1_000_000

    /// The largest `freezeHours`: a year.
    public static let maximumFreezeHours: Double = 8_760

    /// The range a numeric key of `numericKeys` may take.
    public static func range(of key: String) -> ClosedRange<Double> {
        key == "freezeHours" ? 0...maximumFreezeHours : 0...maximumWeight
    }

    /// The keys a roster's `policy` object (or `policy.csv`) may set, with their dotted names.
    public static var numericKeys: [(key: String, path: WritableKeyPath<Policy, Double>)] {
        [
        ("hearingValue", \.hearingValue),
        ("ageWeight", \.ageWeight),
        ("delayWeight", \.delayWeight),
        ("deadlineBonus", \.deadlineBonus),
        ("preferencePenalty.standard", \.preferencePenalty.standard),
        ("preferencePenalty.high", \.preferencePenalty.high),
        ("unregisteredPenalty", \.unregisteredPenalty),
        ("fallbackLanguagePenalty", \.fallbackLanguagePenalty),
        ("changePenalty", \.changePenalty),
        ("freezeHours", \.freezeHours),
        ]
    }
}

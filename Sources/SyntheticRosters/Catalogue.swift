/// The fixed tables the generator draws from. The numbers are plausible for a Dutch asylum
/// queue, not statistics of one; docs/generator.md explains them.
enum Catalogue {
    /// A fallback list a hearing in some language may carry, and the share of those hearings that do.
    struct Fallback: Sendable {
        let codes: [String]
        let share: Double
    }

    /// A language of the queue: how often it is asked for and who speaks it.
    struct Language: Sendable {
        let code: String
        /// Relative demand in tenths of a percent; the weights add up to about a thousand.
        let weight: Int
        let femaleApplicantShare: Double
        let femaleInterpreterShare: Double
        /// Mutually exclusive fallback lists (at most one is drawn per hearing).
        let fallbacks: [Fallback]
        /// Languages an interpreter of this language often speaks as well.
        let companions: [String]
    }

    static let languages: [Language] = [
        lang("ara", 300, 0.22, 0.40, [], ["fra", "eng", "kmr"]),
        lang("tir", 90, 0.30, 0.07, [.init(codes: ["amh"], share: 0.6)], ["amh", "ara"]),
        lang("tur", 70, 0.20, 0.45, [], ["kmr", "aze"]),
        lang("prs", 60, 0.22, 0.10, [.init(codes: ["fas"], share: 0.7)], ["fas", "pus"]),
        lang("fas", 50, 0.30, 0.45, [.init(codes: ["prs"], share: 0.7)], ["prs"]),
        lang("pus", 40, 0.10, 0.05, [.init(codes: ["prs"], share: 0.35)], ["prs", "urd"]),
        lang("som", 40, 0.30, 0.10, [.init(codes: ["ara"], share: 0.1)], ["ara"]),
        lang("kmr", 40, 0.22, 0.35, [.init(codes: ["tur"], share: 0.25), .init(codes: ["ckb"], share: 0.15)],
             ["tur", "ckb", "ara"]),
        lang("ckb", 20, 0.25, 0.35, [.init(codes: ["kmr"], share: 0.2), .init(codes: ["fas"], share: 0.1)],
             ["kmr", "fas", "ara"]),
        lang("amh", 20, 0.35, 0.30, [.init(codes: ["tir"], share: 0.3)], ["tir"]),
        lang("rus", 30, 0.45, 0.70, [], ["ukr", "kat", "hye", "aze"]),
        lang("ukr", 20, 0.55, 0.75, [.init(codes: ["rus"], share: 0.5)], ["rus"]),
        lang("kat", 20, 0.30, 0.60, [.init(codes: ["rus"], share: 0.4)], ["rus"]),
        lang("urd", 20, 0.10, 0.25, [], ["eng", "pus"]),
        lang("ben", 15, 0.10, 0.20, [.init(codes: ["eng"], share: 0.2)], ["eng"]),
        lang("fra", 20, 0.30, 0.55, [], ["eng", "lin", "wol", "ara"]),
        lang("eng", 20, 0.30, 0.55, [], ["fra", "spa"]),
        lang("spa", 15, 0.45, 0.60, [], ["eng"]),
        lang("uig", 5, 0.30, 0.30, [.init(codes: ["tur"], share: 0.3)], ["tur"]),
        lang("tam", 5, 0.20, 0.30, [.init(codes: ["eng"], share: 0.3)], ["eng"]),
        lang("hye", 10, 0.40, 0.60, [.init(codes: ["rus"], share: 0.5)], ["rus"]),
        lang("sqi", 10, 0.20, 0.40, [], []),
        lang("lin", 8, 0.35, 0.40, [.init(codes: ["fra"], share: 0.7)], ["fra"]),
        lang("wol", 5, 0.15, 0.30, [.init(codes: ["fra"], share: 0.6)], ["fra"]),
        lang("aze", 10, 0.30, 0.45, [.init(codes: ["tur"], share: 0.5)], ["tur", "rus"]),
        lang("yor", 4, 0.35, 0.40, [.init(codes: ["eng"], share: 0.6)], ["eng"]),
    ]

    private static func lang(
        _ code: String, _ weight: Int, _ femaleApplicants: Double, _ femaleInterpreters: Double,
        _ fallbacks: [Fallback], _ companions: [String]
    ) -> Language {
        Language(
            code: code, weight: weight, femaleApplicantShare: femaleApplicants,
            femaleInterpreterShare: femaleInterpreters, fallbacks: fallbacks, companions: companions)
    }

    static let languageWeights = languages.map(\.weight)

    /// The catalogue index of a language code, or `nil`.
    static func languageIndex(of code: String) -> Int? {
        languages.firstIndex { $0.code == code }
    }

    /// A kind of hearing: how often it occurs, how long it takes and how long it may wait.
    struct Kind: Sendable {
        let name: String
        let weight: Int
        let durationSlots: Int
        /// Working days between `earliest` and `latest`.
        let wait: ClosedRange<Int>
    }

    static let kinds: [Kind] = [
        Kind(name: "registration", weight: 25, durationSlots: 1, wait: 3...10),
        Kind(name: "first", weight: 20, durationSlots: 1, wait: 5...15),
        Kind(name: "detailed", weight: 35, durationSlots: 2, wait: 10...40),
        Kind(name: "dublin", weight: 15, durationSlots: 1, wait: 5...20),
        Kind(name: "additional", weight: 5, durationSlots: 1, wait: 5...25),
    ]

    static let kindWeights = kinds.map(\.weight)

    /// A hearing location and its relative share of the queue.
    struct Place: Sendable {
        let id: String
        let name: String
        let weight: Int
    }

    private static let knownPlaces: [Place] = [
        Place(id: "TA", name: "Ter Apel", weight: 30),
        Place(id: "ZW", name: "Zevenaar", weight: 20),
        Place(id: "BD", name: "Budel", weight: 15),
        Place(id: "DH", name: "Den Bosch", weight: 15),
        Place(id: "SCH", name: "Schiphol", weight: 8),
        Place(id: "ZL", name: "Zwolle", weight: 6),
        Place(id: "RW", name: "Rijswijk", weight: 6),
        Place(id: "EH", name: "Eindhoven", weight: 4),
        Place(id: "UT", name: "Utrecht", weight: 4),
    ]

    /// The first `count` locations; past the named ones, numbered extra sites.
    static func places(_ count: Int) -> [Place] {
        (0..<count).map { index in
            index < knownPlaces.count
                ? knownPlaces[index]
                : Place(id: "L\(index + 1)", name: "Extra site \(index + 1)", weight: 3)
        }
    }

    static let vulnerablePersons = "vulnerable-persons"
    static let minors = "minors"
}

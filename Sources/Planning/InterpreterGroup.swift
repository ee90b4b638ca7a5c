import PlannerModel

/// The hearings of one location that start in one slot, last equally long and use one language,
/// and the interpreters who could be sent to them, on site or by video. Within a group,
/// interpreters are interchangeable apart from their sex, their registration for the language and
/// their mode, so the program decides only who is sent; who takes which hearing is settled
/// afterwards by a matching, which Hall's condition guarantees to exist.
struct InterpreterGroup: Sendable {
    /// What a hearing of the group needs of its interpreter, for one of its outcome columns.
    struct Requirement: Hashable, Sendable {
        /// The interpreter's sex as the requested preference sees it.
        enum Sex: Hashable, Sendable {
            case any
            case met(GenderPreference)
            case unmet(GenderPreference)
        }

        enum Registration: Hashable, Sendable {
            case any, registered, unregistered
        }

        let sex: Sex
        /// Registration for the group's language.
        let registration: Registration
        /// On site at the location, for a hearing that does not allow remote interpretation.
        let onsite: Bool

        /// The kinds (``Kind/bit``) that meet the requirement.
        var mask: UInt64 {
            Kind.all.reduce(0) { mask, kind in kind.accepts(self) ? mask | kind.bit : mask }
        }
    }

    /// What an interpreter sent to the group offers.
    struct Kind: Hashable, Sendable {
        let gender: Gender
        /// Registered for the group's language.
        let registered: Bool
        /// Sent to work on site (rather than by video).
        let onsite: Bool

        func accepts(_ requirement: Requirement) -> Bool {
            let sex = switch requirement.sex {
            case .any: true
            case .met(let wanted): wanted.isMet(by: gender)
            case .unmet(let wanted): !wanted.isMet(by: gender)
            }
            let registration = switch requirement.registration {
            case .any: true
            case .registered: registered
            case .unregistered: !registered
            }
            return sex && registration && (onsite || !requirement.onsite)
        }

        /// One of twelve bits: sex, registration, mode.
        var bit: UInt64 {
            let sex = Gender.allCases.firstIndex(of: gender) ?? 0
            return 1 << UInt64(sex * 4 + (registered ? 2 : 0) + (onsite ? 1 : 0))
        }

        static let all: [Kind] = Gender.allCases.flatMap { gender in
            [false, true].flatMap { registered in
                [false, true].map { Kind(gender: gender, registered: registered, onsite: $0) }
            }
        }
    }

    struct Member: Sendable {
        let hearing: Int
        let start: Int
        /// The outcome columns: 1 when the hearing is held here with that requirement.
        let demand: [(column: Int, requirement: Requirement)]
    }

    /// An interpreter who could be sent, in one mode, with the column that sends them.
    struct Sent: Sendable {
        let interpreter: Int
        let kind: Kind
        let column: Int
    }

    let location: String
    let slot: Int
    let duration: Int
    let language: String
    var members: [Member] = []
    var sent: [Sent] = []

    var slots: Range<Int> { slot..<(slot + duration) }
}

/// The interpreter part of one outcome of a pooled hearing at one start: the language used and
/// what the interpreter must be, with the score that goes with it.
struct InterpreterOutcome: Sendable, Equatable {
    let language: String
    let requirement: InterpreterGroup.Requirement
    /// The interpreter's part of the score: unmet preference, registration, fallback language.
    let term: Double
}

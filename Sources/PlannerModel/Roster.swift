/// The sex of a person, as the roster records it.
public enum Gender: String, Sendable, Hashable, CaseIterable, Codable {
    case female, male, x
}

/// The sex an applicant asks the interpreter or officer to be.
public enum GenderPreference: String, Sendable, Hashable, CaseIterable, Codable {
    case female, male

    public func isMet(by gender: Gender) -> Bool { gender.rawValue == rawValue }
}

public enum Priority: String, Sendable, Hashable, CaseIterable, Codable {
    case standard, high
}

/// A place where hearings are held.
public struct Location: Sendable, Equatable, Encodable {
    public var id: String
    public var name: String?
    /// Hearings it can hold at once in one slot; `nil` means no room limit.
    public var rooms: Int?

    public init(id: String, name: String? = nil, rooms: Int? = nil) {
        self.id = id
        self.name = name
        self.rooms = rooms
    }
}

/// A planner's pinned date and day part (and maybe people) for a hearing.
public struct FixedAssignment: Sendable, Equatable, Encodable {
    public var date: Day
    public var slot: String
    public var interpreter: String?
    public var officer: String?

    public init(date: Day, slot: String, interpreter: String? = nil, officer: String? = nil) {
        self.date = date
        self.slot = slot
        self.interpreter = interpreter
        self.officer = officer
    }
}

/// A request in the queue. `id` is an opaque case reference, never a name.
public struct Hearing: Sendable, Equatable, Encodable {
    public var id: String
    public var kind: String?
    /// ISO 639-3 code.
    public var language: String
    public var fallbackLanguages: [String]
    public var location: String
    public var durationSlots: Int
    public var earliest: Day
    public var latest: Day
    public var interpreterGender: GenderPreference?
    public var officerGender: GenderPreference?
    public var priority: Priority
    public var requiredTrainings: [String]
    public var remoteInterpreterAllowed: Bool
    public var excludedInterpreters: [String]
    public var excludedOfficers: [String]
    public var fixed: FixedAssignment?

    public init(
        id: String, kind: String? = nil, language: String, fallbackLanguages: [String] = [],
        location: String, durationSlots: Int = 1, earliest: Day, latest: Day,
        interpreterGender: GenderPreference? = nil, officerGender: GenderPreference? = nil,
        priority: Priority = .standard, requiredTrainings: [String] = [],
        remoteInterpreterAllowed: Bool = true, excludedInterpreters: [String] = [],
        excludedOfficers: [String] = [], fixed: FixedAssignment? = nil
    ) {
        self.id = id
        self.kind = kind
        self.language = language
        self.fallbackLanguages = fallbackLanguages
        self.location = location
        self.durationSlots = durationSlots
        self.earliest = earliest
        self.latest = latest
        self.interpreterGender = interpreterGender
        self.officerGender = officerGender
        self.priority = priority
        self.requiredTrainings = requiredTrainings
        self.remoteInterpreterAllowed = remoteInterpreterAllowed
        self.excludedInterpreters = excludedInterpreters
        self.excludedOfficers = excludedOfficers
        self.fixed = fixed
    }

    /// How many gender preferences the applicant asked for (0, 1 or 2).
    public var requestedPreferenceCount: Int {
        (interpreterGender == nil ? 0 : 1) + (officerGender == nil ? 0 : 1)
    }
}

/// A language an interpreter speaks; `registered` is false for the fallback list.
public struct LanguageSkill: Sendable, Equatable, Encodable {
    public var code: String
    public var registered: Bool

    public init(code: String, registered: Bool = true) {
        self.code = code
        self.registered = registered
    }
}

public struct Interpreter: Sendable, Equatable, Encodable {
    public var id: String
    public var gender: Gender
    public var languages: [LanguageSkill]
    public var onsiteLocations: [String]
    /// Can interpret by video.
    public var remote: Bool
    public var available: [SlotName]
    public var maxHearingsPerWeek: Int?

    public init(
        id: String, gender: Gender, languages: [LanguageSkill], onsiteLocations: [String] = [],
        remote: Bool = false, available: [SlotName] = [], maxHearingsPerWeek: Int? = nil
    ) {
        self.id = id
        self.gender = gender
        self.languages = languages
        self.onsiteLocations = onsiteLocations
        self.remote = remote
        self.available = available
        self.maxHearingsPerWeek = maxHearingsPerWeek
    }

    /// The skill for a language code, if the interpreter speaks it.
    public func skill(for code: String) -> LanguageSkill? {
        languages.first { $0.code == code }
    }
}

public struct Officer: Sendable, Equatable, Encodable {
    public var id: String
    public var gender: Gender
    public var location: String
    public var trainings: [String]
    public var available: [SlotName]
    public var maxHearingsPerWeek: Int?

    public init(
        id: String, gender: Gender, location: String, trainings: [String] = [],
        available: [SlotName] = [], maxHearingsPerWeek: Int? = nil
    ) {
        self.id = id
        self.gender = gender
        self.location = location
        self.trainings = trainings
        self.available = available
        self.maxHearingsPerWeek = maxHearingsPerWeek
    }
}

/// The week's input: horizon, policy, places, the queue of hearings and the people.
public struct Roster: Sendable, Equatable {
    public static let format = "hearing-planner/roster@1"

    public var horizon: Horizon
    public var policy: Policy
    public var locations: [Location]
    public var hearings: [Hearing]
    public var interpreters: [Interpreter]
    public var officers: [Officer]

    public init(
        horizon: Horizon, policy: Policy = Policy(), locations: [Location], hearings: [Hearing],
        interpreters: [Interpreter], officers: [Officer]
    ) {
        self.horizon = horizon
        self.policy = policy
        self.locations = locations
        self.hearings = hearings
        self.interpreters = interpreters
        self.officers = officers
    }
}

import PlannerModel

/// Draws the queue of hearing requests.
struct HearingDrafter {
    let calendar: WorkCalendar
    let stepper: WorkdayStepper
    let places: [Catalogue.Place]
    var random: SeededRandom

    static let womenAskingShare = 0.40
    static let highAmongWomenAsking = 0.5
    static let menAskingShare = 0.04
    static let otherHighShare = 0.02
    static let minorsShare = 0.04
    static let noRemoteShare = (standard: 0.06, high: 0.25)
    static let overdueShare = 0.04
    /// Deadlines fall uniformly over the horizon's working days and this many after it.
    static let deadlineDaysAfterHorizon = 10

    struct Draft {
        var hearing: Hearing
        var applicantIsFemale: Bool
    }

    mutating func draft(count: Int) -> [Draft] {
        precondition(!calendar.workingDays.isEmpty, "the horizon has no working day")
        let placeWeights = places.map(\.weight)
        // Case numbers look like a slice of a longer series: increasing, with gaps.
        var number = 100 + random.below(900)
        var drafts: [Draft] = []
        drafts.reserveCapacity(count)
        for _ in 0..<count {
            number += 1 + random.below(3)
            drafts.append(draftOne(id: Self.hearingID(number), placeWeights: placeWeights))
        }
        return drafts
    }

    static func hearingID(_ number: Int) -> String {
        let digits = String(number)
        return "H-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    private mutating func draftOne(id: String, placeWeights: [Int]) -> Draft {
        let language = Catalogue.languages[random.weightedIndex(Catalogue.languageWeights)]
        let kind = Catalogue.kinds[random.weightedIndex(Catalogue.kindWeights)]
        let place = places[random.weightedIndex(placeWeights)]
        let isFemale = random.chance(language.femaleApplicantShare)

        var interpreterGender: GenderPreference?
        var officerGender: GenderPreference?
        var priority = Priority.standard
        var trainings: [String] = []
        if isFemale {
            if random.chance(Self.womenAskingShare) {
                // 35 % the interpreter only, 45 % both, 20 % the officer only.
                let r = random.unit()
                if r < 0.80 { interpreterGender = .female }
                if r >= 0.35 { officerGender = .female }
                if random.chance(Self.highAmongWomenAsking) {
                    priority = .high
                    trainings.append(Catalogue.vulnerablePersons)
                }
            }
        } else if random.chance(Self.menAskingShare) {
            // 60 % the interpreter only, 20 % both, 20 % the officer only.
            let r = random.unit()
            if r < 0.80 { interpreterGender = .male }
            if r >= 0.60 { officerGender = .male }
        }
        if priority == .standard && random.chance(Self.otherHighShare) {
            priority = .high
            trainings.append(Catalogue.vulnerablePersons)
        }
        if random.chance(Self.minorsShare) { trainings.append(Catalogue.minors) }
        let noRemote = priority == .high ? Self.noRemoteShare.high : Self.noRemoteShare.standard
        let remoteAllowed = !random.chance(noRemote)
        let fallbacks = fallbackLanguages(for: language)
        let (earliest, latest) = window(for: kind)

        let hearing = Hearing(
            id: id, kind: kind.name, language: language.code, fallbackLanguages: fallbacks,
            location: place.id, durationSlots: kind.durationSlots, earliest: earliest, latest: latest,
            interpreterGender: interpreterGender, officerGender: officerGender, priority: priority,
            requiredTrainings: trainings, remoteInterpreterAllowed: remoteAllowed)
        return Draft(hearing: hearing, applicantIsFemale: isFemale)
    }

    private mutating func fallbackLanguages(for language: Catalogue.Language) -> [String] {
        guard !language.fallbacks.isEmpty else { return [] }
        var r = random.unit()
        for option in language.fallbacks {
            if r < option.share { return option.codes }
            r -= option.share
        }
        return []
    }

    /// A deadline spread over the horizon and two weeks after it (a few already passed), and an
    /// earliest date the kind's acceptable wait before it, never after the horizon.
    private mutating func window(for kind: Catalogue.Kind) -> (earliest: Day, latest: Day) {
        let days = calendar.workingDays
        let first = days[0]
        let last = days[days.count - 1]
        let latest: Day
        if random.chance(Self.overdueShare) {
            latest = stepper.adding(-random.int(in: 1...10), to: first)
        } else {
            let k = random.below(days.count + Self.deadlineDaysAfterHorizon)
            latest = k < days.count ? days[k] : stepper.adding(k - days.count + 1, to: last)
        }
        var earliest = stepper.adding(-random.int(in: kind.wait), to: latest)
        if earliest > last { earliest = stepper.adding(-random.below(3), to: last) }
        return (earliest, latest)
    }
}

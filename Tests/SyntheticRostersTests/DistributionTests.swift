import PlannerModel
import Testing
@testable import SyntheticRosters

/// Measured on `largeSample` (10,000 hearings over four weeks); docs/generator.md gives the
/// intended values, and the ranges allow for sampling error around them.
enum Quantity: String, CaseIterable, Sendable {
    case arabicShare, femaleApplicants, womenAsking, menAsking, highPriority, twoSlots
    case deadlineInHorizon, overdue, earliestBeforeHorizon, remoteNotAllowed, withFallback
    case excludingAnInterpreter, remoteInterpreters, unregisteredInterpreters, multilingualInterpreters
    case femaleInterpreters, femaleOfficers, interpreterAvailability, officerAvailability

    var range: ClosedRange<Double> {
        switch self {
        case .arabicShare: 0.25...0.35
        case .femaleApplicants: 0.22...0.29
        case .womenAsking: 0.35...0.45
        case .menAsking: 0.02...0.06
        case .highPriority: 0.055...0.095
        case .twoSlots: 0.31...0.39
        case .deadlineInHorizon: 0.57...0.67
        case .overdue: 0.025...0.055
        case .earliestBeforeHorizon: 0.40...0.70
        case .remoteNotAllowed: 0.05...0.11
        case .withFallback: 0.18...0.28
        case .excludingAnInterpreter: 0.01...0.03
        case .remoteInterpreters: 0.38...0.50
        case .unregisteredInterpreters: 0.18...0.34
        case .multilingualInterpreters: 0.38...0.52
        case .femaleInterpreters: 0.28...0.40
        case .femaleOfficers: 0.53...0.67
        case .interpreterAvailability: 0.40...0.60
        case .officerAvailability: 0.65...0.82
        }
    }

    func value(in sample: GeneratedSample) -> Double {
        let roster = sample.roster
        let hearings = roster.hearings
        let horizon = roster.horizon
        let women = zip(hearings, sample.applicantIsFemale).filter(\.1).map(\.0)
        let men = zip(hearings, sample.applicantIsFemale).filter { !$0.1 }.map(\.0)
        let slotCount = Double(WorkCalendar(horizon).slotCount)
        switch self {
        case .arabicShare: return share(hearings) { $0.language == "ara" }
        case .femaleApplicants: return share(sample.applicantIsFemale) { $0 }
        case .womenAsking: return share(women) { $0.requestedPreferenceCount > 0 }
        case .menAsking: return share(men) { $0.requestedPreferenceCount > 0 }
        case .highPriority: return share(hearings) { $0.priority == .high }
        case .twoSlots: return share(hearings) { $0.durationSlots == 2 }
        case .deadlineInHorizon: return share(hearings) { horizon.start <= $0.latest && $0.latest <= horizon.end }
        case .overdue: return share(hearings) { $0.latest < horizon.start }
        case .earliestBeforeHorizon: return share(hearings) { $0.earliest < horizon.start }
        case .remoteNotAllowed: return share(hearings) { !$0.remoteInterpreterAllowed }
        case .withFallback: return share(hearings) { !$0.fallbackLanguages.isEmpty }
        case .excludingAnInterpreter: return share(hearings) { !$0.excludedInterpreters.isEmpty }
        case .remoteInterpreters: return share(roster.interpreters) { $0.remote }
        case .unregisteredInterpreters: return share(roster.interpreters) { $0.languages.contains { !$0.registered } }
        case .multilingualInterpreters: return share(roster.interpreters) { $0.languages.count > 1 }
        case .femaleInterpreters: return share(roster.interpreters) { $0.gender == .female }
        case .femaleOfficers: return share(roster.officers) { $0.gender == .female }
        case .interpreterAvailability:
            return Double(roster.interpreters.reduce(0) { $0 + $1.available.count })
                / (slotCount * Double(roster.interpreters.count))
        case .officerAvailability:
            return Double(roster.officers.reduce(0) { $0 + $1.available.count })
                / (slotCount * Double(roster.officers.count))
        }
    }
}

@Suite struct DistributionTests {
    @Test(arguments: Quantity.allCases)
    func quantityIsWithinTolerance(quantity: Quantity) {
        let value = quantity.value(in: largeSample)
        #expect(quantity.range.contains(value), "\(quantity.rawValue) = \(value)")
    }

    @Test func demandIsSkewedOverManyLanguages() throws {
        let hearings = largeSample.roster.hearings
        var counts: [String: Int] = [:]
        for hearing in hearings { counts[hearing.language, default: 0] += 1 }
        let ranked = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        #expect(ranked.count >= 25)
        #expect(Array(ranked.prefix(2)) == ["ara", "tir"])
        #expect(ranked.allSatisfy { $0.count == 3 })
        let smallest = try #require(counts.values.min())
        #expect(smallest < hearings.count / 200)
    }

    @Test(arguments: ["tir", "pus", "prs", "som"])
    func femaleInterpretersAreScarce(language: String) {
        let interpreters = largeSample.roster.interpreters
        let overall = share(interpreters) { $0.gender == .female }
        let speakers = interpreters.filter { $0.skill(for: language) != nil }
        let female = share(speakers) { $0.gender == .female }
        #expect(speakers.count >= 20)
        #expect(female < overall / 2, "\(language): \(female) against \(overall) overall")
    }

    @Test func preferencesComeWithPriorityAndTraining() {
        let hearings = largeSample.roster.hearings
        let high = hearings.filter { $0.priority == .high }
        #expect(high.allSatisfy { $0.requiredTrainings.contains(Catalogue.vulnerablePersons) })
        let asking = hearings.filter { $0.requestedPreferenceCount > 0 }
        #expect((0.3...0.6).contains(share(asking) { $0.priority == .high }))
        #expect(asking.contains { $0.requestedPreferenceCount == 2 })
        #expect(asking.contains { $0.interpreterGender == .male || $0.officerGender == .male })
        #expect(hearings.contains { $0.requiredTrainings.contains(Catalogue.minors) })
    }

    @Test func deadlineWindowsAreSound() {
        let roster = largeSample.roster
        let kinds = Set(roster.hearings.compactMap(\.kind))
        #expect(kinds == ["registration", "first", "detailed", "dublin", "additional"])
        // Every hearing could start inside the horizon: its earliest date is not after it.
        #expect(roster.hearings.allSatisfy { $0.earliest <= roster.horizon.end })
        #expect(roster.hearings.contains { $0.latest > roster.horizon.end })
    }

    /// With one week, about a third of the deadlines fall inside it; with more weeks, more do.
    @Test(arguments: [(1, 0.27...0.37), (2, 0.43...0.53)])
    func deadlineShareFollowsTheHorizon(weeks: Int, expected: ClosedRange<Double>) {
        let roster = RosterGenerator(hearings: 2_500, weeks: weeks, seed: 3).generate()
        let inside = share(roster.hearings) { roster.horizon.start <= $0.latest && $0.latest <= roster.horizon.end }
        #expect(expected.contains(inside), "\(inside)")
    }
}

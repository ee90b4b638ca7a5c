import PlannerModel
import Testing
@testable import SyntheticRosters

@Suite struct ValidityTests {
    static let configs: [Config] = [
        Config(hearings: 0),
        Config(hearings: 1),
        Config(hearings: 60),
        Config(hearings: 200, seed: 4, locations: 1),
        Config(hearings: 1_000, seed: 5, locations: 5),
        Config(hearings: 400, weeks: 2, seed: 6, locations: 9, fixedShare: 0.1),
        // Christmas, Boxing Day and New Year's Day.
        Config(hearings: 800, weeks: 4, seed: 7, locations: 12, fixedShare: 0.05),
        // Easter Monday on the first day, then King's Day, Liberation Day, Ascension Day and Whit Monday.
        Config(hearings: 300, weeks: 8, seed: 8, start: day("2027-03-29"), fixedShare: 0.2),
    ]

    @Test(arguments: configs)
    func isStructurallyValid(config: Config) {
        let roster = config.generator.generate()
        #expect(roster.hearings.count == config.hearings)
        #expect(roster.locations.count == config.locations)
        #expect(RosterChecks.problems(in: roster) == [])
    }

    @Test(arguments: configs)
    func readsBackWithoutErrors(config: Config) throws {
        let roster = config.generator.generate()
        let checked = RosterJSON.read(try RosterJSON.write(roster)).checked()
        #expect(checked.errors == [])
        #expect(checked.warnings == [])
        #expect(checked.roster == roster)
    }

    /// The checks can fail: a broken roster is caught.
    @Test func checksFindProblems() throws {
        var roster = RosterGenerator(hearings: 50, seed: 1, fixedShare: 0.2).generate()
        let fixed = try #require(roster.hearings.firstIndex { $0.fixed != nil })
        roster.hearings[fixed].fixed?.date = roster.horizon.end.adding(days: 1)
        roster.hearings[1].id = roster.hearings[0].id
        roster.hearings[2].earliest = roster.hearings[2].latest.adding(days: 1)
        roster.officers[0].id = roster.interpreters[0].id
        roster.interpreters[1].available.append(SlotName(date: roster.horizon.start.adding(days: 5), part: "AM"))
        #expect(RosterChecks.problems(in: roster).count >= 5)
    }

    @Test func noFixedHearingsByDefault() {
        #expect(!RosterGenerator(hearings: 1_000, seed: 1).generate().hearings.contains { $0.fixed != nil })
    }

    @Test(arguments: [0.02, 0.1])
    func pinsAboutTheShareAsked(share fixedShare: Double) {
        let roster = RosterGenerator(hearings: 1_000, seed: 12, fixedShare: fixedShare).generate()
        let pinned = share(roster.hearings) { $0.fixed != nil }
        #expect(pinned > fixedShare / 2 && pinned <= fixedShare * 1.5, "\(pinned)")
    }

    @Test func everyLanguageOfTheQueueHasAnInterpreter() {
        let roster = largeSample.roster
        let spoken = Set(roster.interpreters.flatMap { $0.languages.map(\.code) })
        #expect(Set(roster.hearings.map(\.language)).subtracting(spoken) == [])
    }

    @Test func everyLocationHasTheTrainingsItsQueueNeeds() {
        for config in [Config(hearings: 60), Config(hearings: 200, seed: 3, locations: 9)] {
            let roster = config.generator.generate()
            for hearing in roster.hearings {
                for training in hearing.requiredTrainings {
                    #expect(roster.officers.contains { $0.location == hearing.location && $0.trainings.contains(training) })
                }
            }
        }
    }
}

import PlannerModel
import Testing
@testable import SyntheticRosters

/// Capacity is measured in hearings: per person and ISO week, the smaller of the weekly cap and
/// the available day parts divided by the queue's mean hearing length.
enum Capacity {
    static func of(_ roster: Roster) -> (interpreters: Double, officers: Double, rooms: Double) {
        let occupancy = Double(roster.hearings.reduce(0) { $0 + $1.durationSlots }) / Double(roster.hearings.count)
        func hearings(_ slots: [SlotName], cap: Int?) -> Double {
            var perWeek: [ISOWeek: Int] = [:]
            for slot in slots { perWeek[slot.date.isoWeek, default: 0] += 1 }
            return perWeek.values.reduce(0.0) { $0 + min(Double($1) / occupancy, Double(cap ?? .max)) }
        }
        let demand = Double(roster.hearings.count)
        let slotCount = Double(WorkCalendar(roster.horizon).slotCount)
        return (
            roster.interpreters.reduce(0.0) { $0 + hearings($1.available, cap: $1.maxHearingsPerWeek) } / demand,
            roster.officers.reduce(0.0) { $0 + hearings($1.available, cap: $1.maxHearingsPerWeek) } / demand,
            Double(roster.locations.reduce(0) { $0 + ($1.rooms ?? 0) }) * slotCount / (occupancy * demand))
    }
}

@Suite struct CapacityTests {
    static let scales: [Config] = [
        Config(hearings: 200), Config(hearings: 1_000), Config(hearings: 2_500), Config(hearings: 10_000, weeks: 4),
    ]

    /// Officers cover a little less than the queue, interpreters about all of it (but split over
    /// languages, places and genders), rooms a little more than the average load.
    @Test(arguments: scales)
    func capacityRoughlyMatchesDemand(config: Config) {
        let capacity = Capacity.of(config.generator.generate())
        #expect((0.80...1.05).contains(capacity.officers), "officers \(capacity.officers)")
        #expect((0.88...1.35).contains(capacity.interpreters), "interpreters \(capacity.interpreters)")
        #expect((1.1...1.5).contains(capacity.rooms), "rooms \(capacity.rooms)")
    }

    /// People follow the hearings per week: ten thousand over four weeks needs the staff of
    /// a national week of 2,500, not four times as many.
    @Test func peopleScaleWithHearingsPerWeek() {
        let counts = Self.scales.map { config in
            let roster = config.generator.generate()
            return (roster.interpreters.count, roster.officers.count)
        }
        #expect(counts[0].0 < counts[1].0 && counts[1].0 < counts[2].0)
        #expect(counts[0].1 < counts[1].1 && counts[1].1 < counts[2].1)
        #expect((300...900).contains(counts[2].0) && (300...900).contains(counts[2].1), "\(counts[2])")
        let month = counts[3]
        #expect(abs(Double(month.0) / Double(counts[2].0) - 1) < 0.15)
        #expect(abs(Double(month.1) / Double(counts[2].1) - 1) < 0.15)
    }

    /// A first-fit planner that keeps every hard rule holds most hearings but not all, meets most
    /// preferences but not all, and meets fewer for Tigrinya. (A thousand hearings rather than a
    /// national week of 2,500 keeps the test fast; the shares are the same, see docs/generator.md.)
    @Test func aBusyWeekIsPlannableButTight() throws {
        let roster = RosterGenerator(hearings: 1_000, seed: 1).generate()
        let outcome = GreedyPlanner.plan(roster)
        let held = Double(outcome.held) / Double(roster.hearings.count)
        #expect((0.75...0.97).contains(held), "held \(held)")
        #expect(Double(outcome.heldWithDeadlineInHorizon) / Double(outcome.deadlineInHorizon) > 0.9)
        let met = Double(outcome.preferencesMet) / Double(outcome.preferencesRequested)
        #expect((0.80...0.98).contains(met), "preferences met \(met)")
        let tigrinya = try #require(outcome.byLanguage["tir"])
        #expect(Double(tigrinya.met) / Double(tigrinya.requested) < met)
    }
}

import PlannerModel
import Testing
@testable import SyntheticRosters

/// Generator parameters for test tables.
struct Config: Sendable, CustomTestStringConvertible {
    var hearings: Int
    var weeks = 1
    var seed: UInt64 = 1
    var locations = 4
    var start: Day?
    var fixedShare = 0.0

    var generator: RosterGenerator {
        RosterGenerator(
            hearings: hearings, weeks: weeks, seed: seed, locations: locations, start: start,
            fixedShare: fixedShare)
    }

    var testDescription: String {
        "\(hearings) hearings, \(weeks) wk from \(generator.start), \(locations) loc, seed \(seed), fixed \(fixedShare)"
    }
}

func day(_ text: String) -> Day { Day(text)! }

/// The large sample the distribution tests measure: a national month, with Christmas in it.
let largeSample = RosterGenerator(hearings: 10_000, weeks: 4, seed: 2026).sample()

/// The share of `items` that satisfy `predicate` (0 for none).
func share<T>(_ items: [T], _ predicate: (T) -> Bool) -> Double {
    items.isEmpty ? 0 : Double(items.filter(predicate).count) / Double(items.count)
}

import PlannerModel
import Testing
@testable import SyntheticRosters

@Suite struct DeterminismTests {
    static let configs: [Config] = [
        Config(hearings: 60),
        Config(hearings: 500, weeks: 2, seed: 77, locations: 6, fixedShare: 0.05),
        Config(hearings: 1_000, weeks: 4, seed: .max, locations: 11, fixedShare: 0.02),
    ]

    @Test(arguments: configs)
    func sameSeedGivesTheSameRosterAndBytes(config: Config) throws {
        let first = config.generator.generate()
        let second = config.generator.generate()
        #expect(first == second)
        #expect(try RosterJSON.write(first) == RosterJSON.write(second))
    }

    @Test(arguments: [(UInt64(1), UInt64(2)), (7, 8), (0, .max)])
    func differentSeedsDiffer(seed: UInt64, other: UInt64) {
        let a = RosterGenerator(hearings: 200, seed: seed).generate()
        let b = RosterGenerator(hearings: 200, seed: other).generate()
        #expect(a.hearings != b.hearings)
        #expect(a.interpreters != b.interpreters)
        #expect(a.officers != b.officers)
    }

    /// Pinning draws from its own stream: the queue and the people do not move when it is on.
    @Test func pinningChangesNothingButFixed() {
        let plain = RosterGenerator(hearings: 400, seed: 5).generate()
        var pinned = RosterGenerator(hearings: 400, seed: 5, fixedShare: 0.1).generate()
        #expect(pinned.hearings.contains { $0.fixed != nil })
        for index in pinned.hearings.indices { pinned.hearings[index].fixed = nil }
        #expect(pinned == plain)
    }

    /// The first outputs of xoshiro256** seeded through SplitMix64, as an independent
    /// implementation of both algorithms computes them; they must never change.
    @Test func seededRandomKeepsItsSequence() {
        var random = SeededRandom(seed: 0)
        #expect([random.next(), random.next(), random.next()]
            == [6_744_594_730_607_295_879, 3_128_473_129_827_517_805, 4_638_669_917_018_684_497])
        var streamed = SeededRandom(seed: 42, stream: 3)
        #expect(streamed.next() == 17_584_085_186_943_928_585)
        #expect(SeededRandom(seed: 42, stream: 3) != SeededRandom(seed: 42, stream: 4))
    }

    @Test(arguments: [2, 10, 7])
    func belowIsUniform(bound: Int) {
        var random = SeededRandom(seed: 99)
        let draws = 20_000 * bound
        var counts = Array(repeating: 0, count: bound)
        for _ in 0..<draws { counts[random.below(bound)] += 1 }
        // 20,000 expected per value; five standard deviations is about 700.
        #expect(counts.allSatisfy { abs($0 - 20_000) < 700 }, "\(counts)")
    }

    @Test func shuffleAndSampleArePermutations() {
        var random = SeededRandom(seed: 3)
        var items = Array(0..<50)
        random.shuffle(&items)
        #expect(items != Array(0..<50))
        #expect(items.sorted() == Array(0..<50))
        let picked = random.sample(10, of: 50)
        #expect(picked.count == 10 && Set(picked).count == 10 && picked.allSatisfy { (0..<50).contains($0) })
        #expect(random.sample(80, of: 5).sorted() == [0, 1, 2, 3, 4])
    }
}

@testable import Planning
import PlannerModel
import Testing

/// The order in which the greedy plan (and the rounding of a relaxation) places hearings.
@Suite("Greedy start")
struct GreedyStartTests {
    /// One room. H-2's interpreter works on Monday morning only, H-1's on Monday and Tuesday
    /// mornings; both score the same. By score alone (a tie, so in roster order) H-1 takes
    /// Monday's room and H-2 stays unheld. H-2 can start on one day only, so it goes first, and
    /// H-1 takes Tuesday.
    @Test func aHearingWithOneDayGoesFirst() throws {
        var hearings = [EvidenceTests.hearing("H-1"), EvidenceTests.hearing("H-2")]
        hearings[1].language = "amh"
        let roster = EvidenceTests.roster(
            hearings: hearings,
            interpreters: [
                EvidenceTests.interpreter("I-1", .female, EvidenceTests.slots("2026-12-07/AM", "2026-12-08/AM")),
                EvidenceTests.interpreter("I-2", .female, language: "amh", EvidenceTests.slots("2026-12-07/AM")),
            ],
            rooms: 1)
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let days = Dictionary(uniqueKeysWithValues: GreedyStart(index: index).choices().map {
            (roster.hearings[$0.hearing].id, $0.start.day)
        })
        #expect(days == ["H-1": Day("2026-12-08")!, "H-2": Day("2026-12-07")!])
    }
}

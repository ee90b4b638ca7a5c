import Reports
import Testing

@Suite("Statistics")
struct StatisticsTests {
    /// The intervals of the example in formats.md, to 3 decimals.
    @Test(arguments: [(121, 140, 0.798, 0.911), (117, 120, 0.929, 0.991), (238, 260, 0.875, 0.943), (9, 18, 0.29, 0.71)])
    func wilsonMatchesTheFormatExample(met: Int, requested: Int, low: Double, high: Double) throws {
        let interval = try #require(Statistics.wilson(successes: met, trials: requested))
        let places = low == 0.29 ? 100.0 : 1000.0
        #expect((interval.lowerBound * places).rounded() / places == low)
        #expect((interval.upperBound * places).rounded() / places == high)
    }

    @Test func wilsonStaysInsideZeroToOne() throws {
        let none = try #require(Statistics.wilson(successes: 0, trials: 5))
        let all = try #require(Statistics.wilson(successes: 5, trials: 5))
        #expect(none.lowerBound == 0 && none.upperBound > 0.4 && none.upperBound < 0.6)
        #expect(all.upperBound == 1 && all.lowerBound > 0.4)
        #expect(Statistics.wilson(successes: 0, trials: 0) == nil)
    }

    @Test func medianAndPercentile() {
        #expect(Statistics.median([5, 1, 3]) == 3)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
        #expect(Statistics.median([]) == nil)
        #expect(Statistics.percentile(90, of: Array(1...10)) == 9)
        #expect(Statistics.percentile(90, of: Array(1...11)) == 10)
        #expect(Statistics.percentile(90, of: [7]) == 7)
        #expect(Statistics.percentile(90, of: [0, 0, 0, 0, 0, 0, 0, 0, 0, 20]) == 0)
    }

    @Test func gini() {
        #expect(Statistics.gini([3, 3, 3]) == 0)
        #expect(Statistics.gini([0, 0, 0, 4]) == 0.75)
        #expect(Statistics.gini([1, 2, 3, 4]) == 0.25)
        #expect(Statistics.gini([0, 0]) == nil)
    }
}

import Foundation
@testable import MIPSearch
@testable import Planning
import PlannerModel
import SyntheticRosters
import Testing

/// The parts that make large rosters fast, each against a plain computation of the same thing:
/// the matrix product the first-order relaxation runs on several threads, and the relaxation's
/// point read as the rounding's preferences.
@Suite("Large rosters: threaded products and the rounding's guide")
struct LargeRosterPartsTests {
    /// A sparse matrix with empty rows and rows of very different lengths, and a vector.
    static func matrix(rows: Int, columns: Int, seed: UInt64) -> (start: [Int], index: [Int], value: [Double], vector: [Double]) {
        var random = SeededRandom(seed: seed)
        var start = [0], index: [Int] = [], value: [Double] = []
        for r in 0..<rows {
            let length = r % 7 == 3 ? 0 : random.int(in: 1...(r % 5 == 0 ? columns : 12))
            let picked = Set((0..<length).map { _ in random.int(in: 0...(columns - 1)) }).sorted()
            for column in picked {
                index.append(column)
                value.append(random.unit() * 6 - 3)
            }
            start.append(index.count)
        }
        let vector = (0..<columns).map { _ in random.unit() * 2 - 1 }
        return (start, index, value, vector)
    }

    /// The map that builds the index, the model's outcomes and the evidence on every core: each
    /// item exactly once, in order, on any number of threads and for any number of items.
    @Test(arguments: [1, 2, 3, 64])
    func theParallelMapKeepsEveryItemInOrder(threads: Int) {
        for count in [0, 1, 2, 5, 17, 1_000] {
            let calls = Counter()
            let mapped = Parallel.map(count, threads: threads) { i in
                calls.increment()
                return i * i - 3
            }
            #expect(mapped == (0..<count).map { $0 * $0 - 3 }, "count \(count)")
            #expect(calls.value == count, "count \(count)")
        }
    }

    @Test(arguments: [1, 2, 3, 4, 50])
    func theProductIsTheSameOnAnyNumberOfThreads(threads: Int) {
        let (start, index, value, vector) = Self.matrix(rows: 40, columns: 30, seed: 7)
        let matrix = RowMatrix(start: start, index: index, value: value, threads: threads)
        // Every row in exactly one part, in order.
        #expect(matrix.parts.flatMap { Array($0) } == Array(0..<40))
        #expect(matrix.parts.count <= threads)
        var result = Array(repeating: Double.nan, count: 40)
        matrix.multiply(vector, into: &result)
        var expected: [Double] = []
        for r in 0..<40 {
            var total = 0.0
            for e in start[r]..<start[r + 1] { total += value[e] * vector[index[e]] }
            expected.append(total)
        }
        // The same sums in the same order on every thread count: equal to the last bit.
        #expect(result == expected)
    }

    /// A matrix of ones and minus ones keeps no coefficients, only its entries ordered by sign; its
    /// products (scaled by a factor per row, as the first-order relaxation asks) are the plain sums
    /// up to rounding, and the same to the last bit on any number of threads.
    @Test
    func aMatrixOfSignsMultipliesAsThePlainSums() {
        var (start, index, value, vector) = Self.matrix(rows: 60, columns: 45, seed: 11)
        var random = SeededRandom(seed: 12)
        value = value.map { _ in random.chance(0.5) ? 1 : -1 }
        let factor = (0..<60).map { _ in random.unit() + 0.5 }
        var expected: [Double] = []
        for r in 0..<60 {
            var total = 0.0
            for e in start[r]..<start[r + 1] { total += value[e] * vector[index[e]] }
            expected.append(factor[r] * total)
        }
        var results: [[Double]] = []
        for threads in [1, 2, 3, 7] {
            let matrix = RowMatrix(start: start, index: index, value: value, threads: threads)
            #expect(matrix.isSigns)
            let result = SharedVector(repeating: .nan, count: 60)
            matrix.multiply(SharedVector(vector), scaledBy: SharedVector(factor), into: result)
            results.append(result.array)
        }
        for (r, total) in expected.enumerated() {
            #expect(abs(results[0][r] - total) <= 1e-12 * max(1, abs(total)), "row \(r)")
        }
        #expect(results.allSatisfy { $0 == results[0] })
        // One coefficient of 2, and the coefficients are kept.
        value[value.count / 2] = 2
        #expect(!RowMatrix(start: start, index: index, value: value).isSigns)
    }

    /// The fixed parts of the first-order relaxation's loops: every item once, in order, the same
    /// parts whether they run on one thread or on every core, and their sums added in part order.
    @Test(arguments: [0, 1, 7, 8, 9, 1_001])
    func theSplitCoversEveryItemOnceInOrder(count: Int) {
        for parallel in [false, true] {
            let split = Split(count: count, parallel: parallel)
            #expect(split.ranges.flatMap { Array($0) } == Array(0..<count))
            let (a, b) = split.sum { part in (Double(part.count), part.reduce(0.0) { $0 + Double($1) }) }
            #expect(a == Double(count))
            #expect(b == Double(count * (count - 1) / 2))
        }
    }

    /// `GreedyGuide` keeps each pool's list once; what it answers is what the point sends to the
    /// hearing's start, summed by person, as a plain pass over the columns computes it.
    @Test(arguments: [(UInt64(81), true), (82, false)])
    func theGuideReadsThePointAsThePlainSumsDo(seed: UInt64, pooled: Bool) {
        let roster = RosterGenerator(hearings: 120, weeks: 1, seed: seed).generate()
        let form = ModelForm(poolsOfficers: pooled, poolsInterpreters: pooled)
        let (index, model) = PoolTests.model(roster, form)
        var random = SeededRandom(seed: seed)
        let point = (0..<model.program.columnCount).map { _ in random.chance(0.3) ? random.unit() : 0 }
        let guide = GreedyGuide(model: model, index: index, values: point)

        struct Key: Hashable { let h: Int, s: Int, person: Int }
        var interpreters: [Key: Double] = [:], officers: [Key: Double] = [:]
        for group in model.interpreterGroups {
            for member in group.members {
                for sent in group.sent { interpreters[Key(h: member.hearing, s: member.start, person: sent.interpreter), default: 0] += point[sent.column] }
            }
        }
        for group in model.officerGroups {
            for member in group.members {
                for sent in group.sent { officers[Key(h: member.hearing, s: member.start, person: sent.officer), default: 0] += point[sent.column] }
            }
        }
        for (h, ranges) in model.heldColumns.enumerated() where !model.isInterpreterPooled[h] {
            for (s, range) in ranges.enumerated() {
                for (k, column) in range.enumerated() {
                    interpreters[Key(h: h, s: s, person: index.starts[h][s].interpreters[k].person), default: 0] += point[column]
                }
            }
        }
        for (h, ranges) in model.officerColumns.enumerated() where !model.isOfficerPooled[h] {
            for (s, range) in ranges.enumerated() {
                for (k, column) in range.enumerated() {
                    officers[Key(h: h, s: s, person: index.starts[h][s].officers[k].person), default: 0] += point[column]
                }
            }
        }
        #expect(!interpreters.isEmpty && !officers.isEmpty)
        var mismatches = 0, checked = 0
        for h in roster.hearings.indices {
            for (s, start) in index.starts[h].enumerated() {
                let held = model.heldColumns[h][s].reduce(0) { $0 + point[$1] }
                if abs(guide.held(h, start: s) - held) > 1e-9 { mismatches += 1 }
                for option in start.interpreters {
                    checked += 1
                    let expected = interpreters[Key(h: h, s: s, person: option.person)] ?? 0
                    if abs(guide.interpreter(option.person, hearing: h, start: s) - expected) > 1e-9 { mismatches += 1 }
                }
                for option in start.officers {
                    checked += 1
                    let expected = officers[Key(h: h, s: s, person: option.person)] ?? 0
                    if abs(guide.officer(option.person, hearing: h, start: s) - expected) > 1e-9 { mismatches += 1 }
                }
            }
        }
        #expect(checked > 1_000)
        #expect(mismatches == 0)
    }
}

/// Counts calls made from several threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

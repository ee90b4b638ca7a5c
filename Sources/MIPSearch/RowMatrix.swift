import Dispatch
import Foundation
import LinearProgramming

/// A sparse matrix stored by rows, multiplied by a vector on up to four threads when it is large:
/// each iteration of `PDHGState` is two such products, nearly all of its time on large programs,
/// and rows are independent, so the threads share nothing but what they read.
///
/// A matrix whose coefficients are all 1 or -1 (every program the planner builds) keeps no
/// coefficients: each row's entries of 1 come first, then those of -1. The products then read 4
/// bytes per nonzero instead of 12, and they are bound by how fast memory is read.
struct RowMatrix: Sendable {
    private let start: [Int]
    private let index: [Int32]
    /// The coefficients, or empty when every one is 1 or -1.
    private let value: [Double]
    /// Without coefficients: the entries `start[i]..<negative[i]` of row `i` are 1, the rest -1.
    private let negative: [Int]
    /// Consecutive rows with about equal numbers of nonzeros, one range per thread.
    let parts: [Range<Int>]

    /// Below this many nonzeros a product takes less than the threads take to start.
    static let parallelNonzeros = 200_000

    /// `threads` nil: one below `parallelNonzeros`, else as many as there are cores, at most four.
    init(start: [Int], index: [Int], value: [Double], threads: Int? = nil) {
        self.start = start
        let rows = start.count - 1
        if value.allSatisfy({ $0 == 1 || $0 == -1 }) {
            var sorted: [Int32] = []
            sorted.reserveCapacity(index.count)
            var negative: [Int] = []
            negative.reserveCapacity(rows)
            for i in 0..<rows {
                for e in start[i]..<start[i + 1] where value[e] == 1 { sorted.append(Int32(index[e])) }
                negative.append(sorted.count)
                for e in start[i]..<start[i + 1] where value[e] == -1 { sorted.append(Int32(index[e])) }
            }
            self.index = sorted
            self.value = []
            self.negative = negative
        } else {
            self.index = index.map { Int32($0) }
            self.value = value
            self.negative = []
        }
        let nonzeros = start.last ?? 0
        let threads = max(1, threads ?? (nonzeros < Self.parallelNonzeros ? 1 : min(4, Parallel.cores)))
        var parts: [Range<Int>] = []
        var row = 0
        for part in 0..<threads {
            let target = nonzeros * (part + 1) / threads
            var end = row
            while end < rows && (part == threads - 1 || start[end + 1] <= target) { end += 1 }
            parts.append(row..<end)
            row = end
        }
        self.parts = parts.filter { !$0.isEmpty }
    }

    /// `Σ vector[index[e]]` over `entries`, in four running sums: one sum would wait for each
    /// addition before the next, and the reads from `vector` (scattered) would wait with it.
    @inline(__always)
    private static func sum(_ vector: UnsafeMutablePointer<Double>, _ index: UnsafeBufferPointer<Int32>, _ entries: Range<Int>) -> Double {
        var a = 0.0, b = 0.0, c = 0.0, d = 0.0
        var e = entries.lowerBound
        let end = entries.upperBound
        while e + 4 <= end {
            a += vector[Int(index[e])]
            b += vector[Int(index[e + 1])]
            c += vector[Int(index[e + 2])]
            d += vector[Int(index[e + 3])]
            e += 4
        }
        while e < end {
            a += vector[Int(index[e])]
            e += 1
        }
        return (a + b) + (c + d)
    }

    /// Whether the matrix keeps no coefficients (every one is 1 or -1).
    var isSigns: Bool { value.isEmpty }

    /// `result = self · vector`.
    func multiply(_ vector: [Double], into result: inout [Double]) {
        let input = SharedVector(vector)
        let output = SharedVector(result)
        multiply(input, scaledBy: nil, into: output)
        result = output.array
    }

    /// `result[i] = factor[i] · (self · vector)[i]` (no factor when nil). Each row is summed in the
    /// same order on any number of threads, so the result is the same to the last bit.
    func multiply(_ vector: SharedVector, scaledBy factor: SharedVector?, into result: SharedVector) {
        start.withUnsafeBufferPointer { start in
            index.withUnsafeBufferPointer { index in
                value.withUnsafeBufferPointer { value in
                    negative.withUnsafeBufferPointer { negative in
                        // Each thread writes only its own rows of `result`.
                        nonisolated(unsafe) let (start, index, value, negative) = (start, index, value, negative)
                        nonisolated(unsafe) let (vector, factor, result) = (vector.base, factor?.base, result.base)
                        let isSigns = value.isEmpty
                        let rows: @Sendable (Range<Int>) -> Void = { part in
                            for i in part {
                                var total = 0.0
                                if isSigns {
                                    total = Self.sum(vector, index, start[i]..<negative[i])
                                        - Self.sum(vector, index, negative[i]..<start[i + 1])
                                } else {
                                    for e in start[i]..<start[i + 1] { total += value[e] * vector[Int(index[e])] }
                                }
                                result[i] = factor.map { $0[i] * total } ?? total
                            }
                        }
                        if parts.count <= 1 {
                            for part in parts { rows(part) }
                        } else {
                            DispatchQueue.concurrentPerform(iterations: parts.count) { rows(parts[$0]) }
                        }
                    }
                }
            }
        }
    }
}

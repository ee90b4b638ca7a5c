import Dispatch

/// `0..<count` in a fixed number of consecutive parts, for loops whose items are independent: the
/// same parts on any machine, so that sums taken part by part come out the same to the last bit
/// whether the parts run on one thread (`parallel` false) or on every core.
struct Split: Sendable {
    static let partCount = 8
    let ranges: [Range<Int>]
    let parallel: Bool

    init(count: Int, parallel: Bool) {
        ranges = (0..<Self.partCount).map { p in (p * count / Self.partCount)..<((p + 1) * count / Self.partCount) }
        self.parallel = parallel
    }

    func run(_ body: @Sendable (Range<Int>) -> Void) {
        if parallel {
            DispatchQueue.concurrentPerform(iterations: ranges.count) { body(ranges[$0]) }
        } else {
            for range in ranges { body(range) }
        }
    }

    /// The sums of `body` over the parts, added part by part in order.
    func sum(_ body: @Sendable (Range<Int>) -> (Double, Double)) -> (Double, Double) {
        var partial = Array(repeating: (0.0, 0.0), count: ranges.count)
        partial.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer  // each part writes its own element
            let ranges = ranges
            if parallel {
                DispatchQueue.concurrentPerform(iterations: ranges.count) { buffer[$0] = body(ranges[$0]) }
            } else {
                for p in ranges.indices { buffer[p] = body(ranges[p]) }
            }
        }
        return partial.reduce((0.0, 0.0)) { ($0.0 + $1.0, $0.1 + $1.1) }
    }
}

/// A small, fast, seeded random number generator: xoshiro256** (Blackman and Vigna, public
/// domain), with its state filled by SplitMix64.
///
/// The same seed gives the same numbers on every platform and toolchain, which the standard
/// library's generator does not promise. The helpers below (`below(_:)`, `unit()`, `shuffle(_:)`)
/// are written here for the same reason: the standard library's `random(in:using:)` and
/// `shuffled(using:)` may change their algorithms between releases.
public struct SeededRandom: RandomNumberGenerator, Sendable, Equatable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator for `seed`; each `stream` gives an independent sequence from the same seed.
    public init(seed: UInt64, stream: UInt64 = 0) {
        var salt = SplitMix64(state: stream &+ 0x5EED_5EED_5EED_5EED)
        var mixer = SplitMix64(state: seed ^ salt.next())
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        // xoshiro must never start from all zeros.
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        return result
    }

    private static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64 (Steele, Lea and Flood): spreads a seed over the xoshiro state.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededRandom {
    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject method, unbiased).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform number in `[0, 1)` with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An index drawn with probability proportional to its weight. Weights are not negative and
    /// at least one is positive.
    public mutating func weightedIndex(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "weightedIndex(_:) needs a positive weight")
        var remaining = below(total)
        for (index, weight) in weights.enumerated() {
            if remaining < weight { return index }
            remaining -= weight
        }
        return weights.count - 1
    }

    /// Fisher-Yates shuffle in place.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }

    /// `count` distinct indices of `0..<n` (all of them when `count >= n`), in random order.
    public mutating func sample(_ count: Int, of n: Int) -> [Int] {
        var indices = Array(0..<n)
        let k = min(max(count, 0), n)
        for i in 0..<k { indices.swapAt(i, i + below(n - i)) }
        return Array(indices[0..<k])
    }
}

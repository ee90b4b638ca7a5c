/// A seeded mutator for the replay mode, which runs where libFuzzer is not linked (the normal
/// debug build in `make test`): the corpus, then random edits of it, the same for the same seed.
/// It has no coverage feedback; `make fuzz` runs libFuzzer, which has.
struct Mutator {
    private var state: UInt64
    let maxLength: Int

    init(seed: UInt64, maxLength: Int) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
        self.maxLength = maxLength
    }

    /// Tokens the formats are made of, inserted whole so that edits keep near the grammar.
    static let tokens: [[UInt8]] = [
        "{", "}", "[", "]", "\"", ",", ":", "\\u0000", "\\ud800", "\\", "-0", "1e999", "true", "null", "0.5",
        "\"format\"", "\"hearings\"", "\"id\"", "\"events\"", "\"type\"", "\"availability\"", "\"2026-12-08/AM\"",
        "\n", "\r\n", ";", "\"\"", "=== hearings.csv\n", "=== availability.csv\n", "=== interpreters.csv\n",
        "<", ">", "</", "/>", "&amp;", "&#x10FFFF;", "&#0;", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY a \"b\">]>",
        "=== xl/worksheets/sheet1.xml\n", "=== xl/workbook.xml\n", "=== xl/sharedStrings.xml\n", "<c r=\"A1\" t=\"s\"><v>0</v></c>",
        "gzip", "x-gzip", ";q=", "*", "q=0.001", "identity", "\u{200B}", "\u{0130}", "\u{FEFF}",
    ].map { Array($0.utf8) }

    mutating func next() -> UInt64 {
        // SplitMix64: small, seeded and good enough for choosing edits.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }

    /// One to four edits of `input`, sometimes spliced with `other`.
    mutating func mutate(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...below(4) {
            let at = below(bytes.count + 1)
            switch below(8) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(1 << below(8))
            case 1 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: next())
            case 2: bytes.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: at)
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, at + 1 + below(16))
                bytes.removeSubrange(min(at, bytes.count - 1)..<end)
            case 4 where !bytes.isEmpty:
                let start = below(bytes.count)
                let piece = bytes[start..<min(bytes.count, start + 1 + below(64))]
                bytes.insert(contentsOf: piece, at: at)
            case 5 where !other.isEmpty:
                let start = below(other.count)
                bytes = Array(bytes.prefix(at)) + other[start...]
            case 6:
                // Repeats a piece many times: long runs are where quadratic work shows.
                let start = below(max(1, bytes.count))
                let piece = bytes.isEmpty ? Self.tokens[below(Self.tokens.count)] : Array(bytes[start..<min(bytes.count, start + 1 + below(32))])
                let copies = 1 + below(200)
                bytes.insert(contentsOf: (0..<copies).flatMap { _ in piece }, at: at)
            default: bytes.insert(UInt8(truncatingIfNeeded: next()), at: at)
            }
        }
        return Array(bytes.prefix(maxLength))
    }
}

/// "; did you mean ...?" for a name a reader does not know: the known name one or two edits
/// away (letters added, dropped or changed, case aside), the nearest first. Every reader of a
/// document a person writes (rosters, policies, the service's configuration) says it the same way.
public enum DidYouMean {
    /// The most edits a suggestion may be away from what was typed.
    static let reach = 2

    /// `; did you mean "KNOWN"?`, or empty when no known name is that close.
    ///
    /// A document can hold a hundred thousand unknown names, each compared with every known one,
    /// so the work per comparison is bounded: a name more than 64 bytes long is no misspelling of
    /// a field's (no work for it), and each distance stops as soon as it must exceed two.
    public static func suggestion(for name: String, among known: some Collection<String>) -> String {
        guard name.utf8.count <= 64 else { return "" }
        let typed = Array(name.lowercased().unicodeScalars)
        let best = known.map { ($0, editDistance(typed, Array($0.lowercased().unicodeScalars), limit: reach)) }
            .filter { $0.1 <= reach }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }
        return best.map { "; did you mean \"\($0.0)\"?" } ?? ""
    }

    /// The Levenshtein distance: the fewest letters added, dropped or changed to turn `a` into `b`.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: .max)
    }

    /// The Levenshtein distance, or `limit + 1` as soon as it is certain to exceed `limit` (a
    /// row's smallest entry never shrinks further down); two rows allocated, whatever the lengths.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        if abs(a.count - b.count) > limit { return limit &+ 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var smallest = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                smallest = min(smallest, current[j])
            }
            if smallest > limit { return limit &+ 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

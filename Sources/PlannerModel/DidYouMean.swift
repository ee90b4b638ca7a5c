/// "; did you mean ...?" for a name a reader does not know: the known name one or two edits
/// away (letters added, dropped or changed, case aside), the nearest first. Every reader of a
/// document a person writes (rosters, policies, the service's configuration) says it the same way.
public enum DidYouMean {
    /// `; did you mean "KNOWN"?`, or empty when no known name is that close.
    public static func suggestion(for name: String, among known: some Collection<String>) -> String {
        let best = known.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= 2 }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }
        return best.map { "; did you mean \"\($0.0)\"?" } ?? ""
    }

    /// The Levenshtein distance: the fewest letters added, dropped or changed to turn `a` into `b`.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Hall's condition for pools, shared by officer and interpreter groups.
///
/// In a pool, people come in *kinds* (bits of a mask) and each held hearing has a requirement,
/// the mask of the kinds it accepts. The people sent can take the hearings one each exactly when,
/// for every set S of requirements, the hearings with a requirement in S are no more than the
/// people whose kind some requirement of S accepts (Hall's theorem). Only the union U of S's masks
/// matters on the right, and the left is largest when S holds every requirement inside U, so one
/// row per union of requirement masks suffices: hearings with mask inside U <= people of U.
enum HallCondition {
    /// Every union of one or more of `masks`, or nil if there are more than `limit`.
    static func unions(of masks: [UInt64], limit: Int) -> Set<UInt64>? {
        var family = Set<UInt64>()
        for mask in Set(masks) where mask != 0 {
            var added: [UInt64] = [mask]
            for existing in family { added.append(existing | mask) }
            family.formUnion(added)
            if family.count > limit { return nil }
        }
        return family
    }

    /// The unions whose rows are not implied by the others, sorted: those in which the
    /// requirements inside form one connected whole. When they split into two parts that share no
    /// kind, the union's row is the sum of the two parts' rows (both unions of masks themselves).
    static func necessaryUnions(of masks: [UInt64], limit: Int = .max) -> [UInt64]? {
        let distinct = Array(Set(masks.filter { $0 != 0 }))
        guard let family = unions(of: distinct, limit: limit) else { return nil }
        return family.filter { union in
            isConnected(distinct.filter { $0 & ~union == 0 })
        }.sorted()
    }

    /// Whether the masks, linked when they share a bit, form one component.
    static func isConnected(_ masks: [UInt64]) -> Bool {
        guard var reached = masks.first else { return false }
        var left = Array(masks.dropFirst())
        var grew = true
        while grew && !left.isEmpty {
            grew = false
            left.removeAll { mask in
                guard mask & reached != 0 else { return false }
                reached |= mask
                grew = true
                return true
            }
        }
        return left.isEmpty
    }
}

/// A maximum matching of a bipartite graph by augmenting paths (Kuhn's algorithm): small pools
/// only, where the graph has a few dozen vertices on each side.
enum BipartiteMatching {
    /// For each left vertex, its right partner or nil; `accepts(l, r)` says whether they may pair.
    static func match(left: Int, right: Int, accepts: (Int, Int) -> Bool) -> [Int?] {
        var partnerOfRight = [Int?](repeating: nil, count: right)
        func augment(_ l: Int, _ seen: inout [Bool]) -> Bool {
            for r in 0..<right where !seen[r] && accepts(l, r) {
                seen[r] = true
                if let other = partnerOfRight[r] {
                    if augment(other, &seen) {
                        partnerOfRight[r] = l
                        return true
                    }
                } else {
                    partnerOfRight[r] = l
                    return true
                }
            }
            return false
        }
        for l in 0..<left {
            var seen = [Bool](repeating: false, count: right)
            _ = augment(l, &seen)
        }
        var partnerOfLeft = [Int?](repeating: nil, count: left)
        for (r, l) in partnerOfRight.enumerated() { if let l { partnerOfLeft[l] = r } }
        return partnerOfLeft
    }
}

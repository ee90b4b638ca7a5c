import PlannerModel

/// Re-planning's part of the score, for the searches over a few hearings (the what-if repairs that
/// the evidence of a re-plan uses): every published hearing that does not keep its published
/// placement costs `changePenalty`, and a frozen hearing cannot move at all.
///
/// The searches count in "keep units": a placement scores its own score, plus `penalty` when it is
/// the hearing's published placement; not holding a hearing scores 0. That is the spec's score
/// plus `penalty` for every published hearing, whatever happens to it: the same differences, so the
/// same best choices, as the program's keep columns (docs/replanning.md). `specScore` converts back.
struct ChangeTerms: Sendable {
    /// Where a published hearing may stay: its start slot and people (mode and language aside).
    struct Spot: Sendable, Equatable {
        let slot: Int
        let interpreter: Int
        let officer: Int
    }

    /// Each published hearing that may keep its placement, by hearing.
    let keepSpots: [Int: Spot]
    /// Every published hearing still in the roster, kept or not.
    let published: Set<Int>
    /// Frozen hearings that keep their placement: they do not move.
    let frozen: Set<Int>
    let penalty: Double
    /// The cap on unforced changes, and how many the plan makes already.
    var maxChanges: Int?
    var unforcedChanges = 0

    /// Whether hearing `h` placed at `placement` (nil: not held) makes an unforced change: it could
    /// keep its published placement (it has a keep spot and is not frozen) and does not.
    func isUnforcedChange(_ h: Int, at placement: Placement?) -> Bool {
        guard let spot = keepSpots[h], !frozen.contains(h) else { return false }
        guard let placement else { return true }
        return spot != Spot(slot: placement.slot, interpreter: placement.interpreter, officer: placement.officer)
    }

    /// What `placement` scores in keep units.
    func units(_ placement: Placement) -> Double {
        placement.score + bonus(placement.hearing, slot: placement.slot, interpreter: placement.interpreter, officer: placement.officer)
    }

    /// `penalty` at the hearing's published placement, 0 elsewhere.
    func bonus(_ h: Int, slot: Int, interpreter: Int, officer: Int) -> Double {
        keepSpots[h] == Spot(slot: slot, interpreter: interpreter, officer: officer) ? penalty : 0
    }

    /// A score in keep units as the spec counts it: less `penalty` for a published hearing.
    func specScore(_ units: Double, hearing h: Int) -> Double {
        published.contains(h) ? units - penalty : units
    }
}

extension Placement {
    /// The same placement scoring `score` instead.
    func scoring(_ score: Double) -> Placement {
        Placement(
            hearing: hearing, slot: slot, duration: duration, interpreter: interpreter, isOnsite: isOnsite, language: language,
            registered: registered, officer: officer, score: score)
    }
}

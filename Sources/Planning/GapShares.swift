import LinearProgramming
import MIPSearch

/// Where a plan falls short of the bound that a relaxation's row multipliers prove, hearing by
/// hearing.
///
/// For multipliers `y` with reduced costs `d = c - Aᵀy`, the bound less a plan's score is a sum of
/// terms that are never negative for a plan that keeps every row:
/// - one per column, `|d|` times the column's distance from the bound `y` prices it at: a hearing
///   placed where the relaxation would not place it, or a start it would take left unused;
/// - one per row, `|y|` times the row's slack on the priced side: a valuable hearing left unheld
///   (its "once" row), a person's priced day part or week left idle.
///
/// A column's term is its hearing's; a row's is shared evenly by the hearings whose columns it
/// holds. The term of a column of no single hearing (an interpreter or officer sent to a group of
/// hearings, an interpreter's site for a day) is shared evenly by the hearings that the plan
/// holds with a column in one of its rows: those that use the person or the site, or that keep
/// them from it. What is left (such a column with no such hearing, and rows of such columns alone)
/// is nobody's. On a large week after a pass of the small programs, a few dozen hearings hold most
/// of the gap: the plan loses there, and a small program around each of them is where a better
/// plan most likely differs (`SubprogramSearch.shareSets`).
struct GapShares: Sendable {
    private let model: ModelBuilder.Model
    private let program: LinearProgram
    private let rowDuals: [Double]
    private let reducedCosts: [Double]
    /// The hearing of each column, or -1 for a column of several hearings.
    private let owner: [Int]
    /// Per row, the distinct hearings of its columns: `rowHearings[rowStart[i]..<rowStart[i + 1]]`.
    private let rowStart: [Int]
    private let rowHearings: [Int]
    /// Per column of no single hearing, the rows it is in: `sharedRows[sharedStart[k]..<sharedStart[k + 1]]`
    /// for the column with `sharedNumber[j] == k` (-1 for a hearing's column).
    private let sharedNumber: [Int]
    private let sharedStart: [Int]
    private let sharedRows: [Int]

    /// What the plan's gap below the multipliers' bound is made of.
    struct Account {
        /// Per hearing (the roster's order), its share.
        var hearings: [Double]
        /// The terms of no single hearing's.
        var shared: Double
        /// The sum of every term: the bound (without its margin for rounding) less the score.
        var gap: Double
    }

    /// `rowDuals` in `LinearProgram.dualBound`'s convention (the program is maximised: a positive
    /// multiplier prices a row's upper bound, a negative one its lower bound). `program` is
    /// `model`'s.
    init(model: ModelBuilder.Model, program: LinearProgram, rowDuals: [Double]) {
        precondition(rowDuals.count == program.rowCount && program.sense == .maximize, "a maximised program's multipliers")
        self.model = model
        self.program = program
        self.rowDuals = rowDuals
        reducedCosts = program.dualBound(rowDuals: rowDuals).reducedCosts
        owner = model.columns.map { $0.hearing ?? -1 }
        var rowStart = [0]
        var rowHearings: [Int] = []
        rowStart.reserveCapacity(program.rowCount + 1)
        // The last row each hearing was listed for.
        var listed = Array(repeating: -1, count: model.heldColumns.count)
        for row in 0..<program.rowCount {
            for entry in program.entryRange(ofRow: row) {
                let h = owner[program.entryColumns[entry]]
                if h >= 0, listed[h] != row {
                    listed[h] = row
                    rowHearings.append(h)
                }
            }
            rowStart.append(rowHearings.count)
        }
        self.rowStart = rowStart
        self.rowHearings = rowHearings
        var sharedNumber = Array(repeating: -1, count: program.columnCount)
        var count = 0
        for j in 0..<program.columnCount where owner[j] < 0 {
            sharedNumber[j] = count
            count += 1
        }
        var sharedStart = Array(repeating: 0, count: count + 1)
        for entry in 0..<program.entryColumns.count where sharedNumber[program.entryColumns[entry]] >= 0 {
            sharedStart[sharedNumber[program.entryColumns[entry]] + 1] += 1
        }
        for k in 0..<count { sharedStart[k + 1] += sharedStart[k] }
        var next = sharedStart
        var sharedRows = Array(repeating: 0, count: sharedStart[count])
        for row in 0..<program.rowCount {
            for entry in program.entryRange(ofRow: row) where sharedNumber[program.entryColumns[entry]] >= 0 {
                let k = sharedNumber[program.entryColumns[entry]]
                sharedRows[next[k]] = row
                next[k] += 1
            }
        }
        self.sharedNumber = sharedNumber
        self.sharedStart = sharedStart
        self.sharedRows = sharedRows
    }

    /// The account of the plan `choices` (which must keep every hard rule).
    func account(of choices: [PlanAssembler.Choice], index: ProblemIndex) -> Account {
        let x = model.values(for: choices, index: index)
        var account = Account(hearings: Array(repeating: 0, count: index.roster.hearings.count), shared: 0, gap: 0)
        func add(_ term: Double, to h: Int) {
            if h >= 0 { account.hearings[h] += term } else { account.shared += term }
            account.gap += term
        }
        for j in 0..<program.columnCount where reducedCosts[j] != 0 {
            let d = reducedCosts[j]
            let priced = d > 0 ? program.columnUpperBounds[j] : program.columnLowerBounds[j]
            let term = d * (priced - x[j])
            guard owner[j] < 0, term != 0 else {
                add(term, to: owner[j])
                continue
            }
            let k = sharedNumber[j]
            var users: [Int] = []
            for row in sharedRows[sharedStart[k]..<sharedStart[k + 1]] {
                for entry in program.entryRange(ofRow: row) where x[program.entryColumns[entry]] > 0.5 {
                    let h = owner[program.entryColumns[entry]]
                    if h >= 0, !users.contains(h) { users.append(h) }
                }
            }
            if users.isEmpty { add(term, to: -1) }
            for h in users { add(term / Double(users.count), to: h) }
        }
        for row in 0..<program.rowCount where rowDuals[row] != 0 {
            let y = rowDuals[row]
            let priced = y > 0 ? program.rowUpperBounds[row] : program.rowLowerBounds[row]
            // `dualBound` leaves such a row out of the reduced costs as well.
            guard priced.isFinite else { continue }
            var activity = 0.0
            for entry in program.entryRange(ofRow: row) {
                activity += program.entryCoefficients[entry] * x[program.entryColumns[entry]]
            }
            let term = y * (priced - activity)
            let hearings = rowHearings[rowStart[row]..<rowStart[row + 1]]
            if hearings.isEmpty {
                add(term, to: -1)
            } else {
                for h in hearings { add(term / Double(hearings.count), to: h) }
            }
        }
        return account
    }
}

/// Small-cell suppression with the secondary suppression that keeps a hidden count from being
/// worked out from the counts that are shown.
///
/// A table is a list of counts and the additions that hold between them (a group's interpreter and
/// officer requests add up to its "both"; the groups add up to the overall figure). A count below
/// `minCell` is hidden (primary suppression). A reader who knows the shown counts and the additions
/// could still solve for a hidden count, for example the overall minus every other group; so while
/// some hidden count is determined by what is shown, one more count is hidden (secondary
/// suppression), preferably one that makes it undetermined, else the least informative one.
///
/// A hidden 0 needs no protection: working out that nobody in a group asked exposes nobody.
///
/// "Determined" is exact linear algebra: a hidden count is determined when no change of the hidden
/// counts that keeps every addition true can change it, that is when removing its column from the
/// additions (restricted to the hidden counts) lowers their rank.
struct SuppressionTable {
    struct Cell {
        var value: Int
        /// Lower costs are hidden first when a second count must go (a group's "both" before its
        /// role counts, and any group before the overall figures).
        var cost: Int
        /// Hidden from the start whatever its value (already hidden in another table).
        var forcedHidden: Bool = false
    }

    private(set) var cells: [Cell] = []
    /// Each relation is a list of (cell, coefficient) whose weighted sum is 0.
    private(set) var relations: [[(cell: Int, coefficient: Int)]] = []

    mutating func add(_ value: Int, cost: Int, hidden: Bool = false) -> Int {
        cells.append(Cell(value: value, cost: cost, forcedHidden: hidden))
        return cells.count - 1
    }

    /// Records that `parts` add up to `total`.
    mutating func relate(parts: [Int], total: Int) {
        relations.append(parts.map { ($0, 1) } + [(total, -1)])
    }

    /// The cells to hide: those below `minCell`, the forced ones, and enough others that no hidden
    /// cell is determined by the shown ones.
    func hiddenCells(minCell: Int) -> Set<Int> {
        var hidden = Set(cells.indices.filter { cells[$0].value < minCell || cells[$0].forcedHidden })
        // A hidden 0 may be worked out: that nobody in a group asked exposes nobody.
        while let exposed = determined(hidden).first(where: { cells[$0].value > 0 }) {
            // The cheapest count whose hiding makes `exposed` undetermined, looking first at the
            // counts in an addition with it; failing that, the cheapest of those, and go on.
            let byCost: (Int, Int) -> Bool = { (cells[$0].cost, cells[$0].value, $0) < (cells[$1].cost, cells[$1].value, $1) }
            let near = neighbours(of: exposed).filter { !hidden.contains($0) }.sorted(by: byCost)
            let far = cells.indices.filter { !hidden.contains($0) && !near.contains($0) }.sorted(by: byCost)
            let candidates = (near + far).sorted(by: byCost)
            guard !candidates.isEmpty else { break }
            let fixing = candidates.first { !isDetermined(exposed, hidden: hidden.union([$0])) }
            // (Hiding a candidate never makes another hidden count determined: it only removes knowledge.)
            hidden.insert(fixing ?? near.first ?? candidates[0])
        }
        return hidden
    }

    private func neighbours(of cell: Int) -> [Int] {
        var result = Set<Int>()
        for relation in relations where relation.contains(where: { $0.cell == cell }) {
            for term in relation where term.cell != cell { result.insert(term.cell) }
        }
        return Array(result)
    }

    private func firstDetermined(_ hidden: Set<Int>) -> Int? {
        determined(hidden).first
    }

    private func isDetermined(_ cell: Int, hidden: Set<Int>) -> Bool {
        determined(hidden).contains(cell)
    }

    /// The hidden cells whose value follows from the shown ones, in index order.
    ///
    /// Reduces the relations, restricted to the hidden cells, to row echelon form. A hidden cell is
    /// determined when every solution of the homogeneous system has 0 there: its column is a pivot
    /// column and its pivot row has 0 in every free column. The entries are small integers, so
    /// doubles with a tolerance are exact enough.
    func determined(_ hidden: Set<Int>) -> [Int] {
        let columns = hidden.sorted()
        guard !columns.isEmpty else { return [] }
        let position = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        var matrix: [[Double]] = relations.compactMap { relation in
            var row = [Double](repeating: 0, count: columns.count)
            var any = false
            for term in relation {
                if let column = position[term.cell] {
                    row[column] += Double(term.coefficient)
                    any = true
                }
            }
            return any ? row : nil
        }
        var pivotRowOfColumn: [Int: Int] = [:]
        var rank = 0
        for column in columns.indices where rank < matrix.count {
            guard let pivot = (rank..<matrix.count).max(by: { abs(matrix[$0][column]) < abs(matrix[$1][column]) }),
                  abs(matrix[pivot][column]) > 1e-9
            else { continue }
            matrix.swapAt(rank, pivot)
            let scale = matrix[rank][column]
            for k in column..<columns.count { matrix[rank][k] /= scale }
            for row in matrix.indices where row != rank {
                let factor = matrix[row][column]
                if abs(factor) > 1e-12 {
                    for k in column..<columns.count { matrix[row][k] -= factor * matrix[rank][k] }
                }
            }
            pivotRowOfColumn[column] = rank
            rank += 1
        }
        let free = columns.indices.filter { pivotRowOfColumn[$0] == nil }
        return columns.indices.compactMap { column in
            guard let row = pivotRowOfColumn[column] else { return nil }
            return free.allSatisfy({ abs(matrix[row][$0]) < 1e-9 }) ? columns[column] : nil
        }
    }
}

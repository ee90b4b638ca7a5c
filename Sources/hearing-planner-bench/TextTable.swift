/// A plain-text table with aligned columns, for the terminal and for pasting into docs.
struct TextTable {
    enum Alignment {
        case left, right
    }

    struct Column {
        var title: String
        var alignment: Alignment

        static func left(_ title: String) -> Column { Column(title: title, alignment: .left) }
        static func right(_ title: String) -> Column { Column(title: title, alignment: .right) }
    }

    var columns: [Column]
    private(set) var rows: [[String]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    /// Adds a row; missing cells are left empty, cells beyond the last column are dropped.
    mutating func append(_ cells: [String]) {
        rows.append(columns.indices.map { cells.indices.contains($0) ? cells[$0] : "" })
    }

    var text: String {
        let titles = columns.map(\.title)
        let widths = columns.indices.map { column in
            ([titles] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            var text = columns.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return columns[column].alignment == .left ? cells[column] + padding : padding + cells[column]
            }
            .joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(titles), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// How figures are written in the tables.
enum Format {
    static func seconds(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value < 10 ? String(format: "%.3f", value) : String(format: "%.1f", value)
    }

    static func count(_ value: Int?) -> String {
        guard let value else { return "-" }
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset).isMultiple(of: 3) { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// MiB; `<= 58` when the figure is only an upper bound.
    static func mebibytes(_ peak: PeakMemory?) -> String {
        guard let peak else { return "-" }
        return (peak.isUpperBound ? "<= " : "") + String(format: "%.0f", Double(peak.kibibytes) / 1024)
    }

    static func megabytes(bytes value: Int) -> String {
        String(format: "%.1f", Double(value) / 1_000_000)
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value == value.rounded() && abs(value) < 1e15 ? Format.count(Int(value)) : String(format: "%.2f", value)
    }

    /// Four decimals, or two significant digits below 0.001 (where the targets are).
    static func gap(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value == 0 || value >= 1e-3 ? String(format: "%.4f", value) : String(format: "%.1e", value)
    }

    static func ratio(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(format: "%.2fx", value)
    }
}

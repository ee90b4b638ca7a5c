/// Why a cell's text is not a value of the kind its column holds, in a planner's words.
struct CellProblem: Error {
    var message: String
}

/// Turns the trimmed, non-empty text of a cell into a value.
struct CellParser<Value> {
    /// What a cell of a workbook must hold for its text to be read: a date cell where a number
    /// belongs is an error, not the text `2026-12-07`.
    enum Expecting {
        case text, number, date, flag
    }

    var expecting: Expecting = .text
    let parse: (String, TableDialect) -> Result<Value, CellProblem>

    init(expecting: Expecting = .text, _ parse: @escaping (String, TableDialect) -> Result<Value, CellProblem>) {
        self.expecting = expecting
        self.parse = parse
    }

    init(expecting: Expecting = .text, _ parse: @escaping (String) -> Result<Value, CellProblem>) {
        self.init(expecting: expecting) { text, _ in parse(text) }
    }

    /// Why a workbook cell of `kind` cannot hold this kind of value; nil when it can. Every cell of
    /// a CSV file is text, which any parser reads.
    func refusal(of cell: TableCell) -> String? {
        switch (expecting, cell.kind) {
        case (_, .text), (.text, _), (.number, .number), (.date, .date), (.flag, .boolean), (.flag, .number):
            return nil
        case (.date, .number):
            return "\(cell.text) is a number, not a date: format the cell as a date, or write the date as text such as 2026-12-07"
        case (.date, .boolean), (.number, .boolean):
            return "the cell holds \(cell.text.uppercased()) (yes/no), not a \(expecting == .date ? "date" : "number")"
        case (.number, .date), (.flag, .date):
            return "the cell holds the date \(cell.text), not a \(expecting == .number ? "number" : "yes/no value"); format the cell as a number or as text"
        }
    }
}

/// Reads typed values out of table cells. Every problem is logged at its cell with the column's
/// name, and reading goes on, so that a roster's errors are all reported at once.
struct CellReader {
    var log = DiagnosticLog()

    mutating func report(_ place: TablePlace, _ message: String) {
        log.error(.table(place), message)
    }

    /// The value of a cell that must not be empty.
    mutating func required<Value>(
        _ cell: TableCell, at place: TablePlace, named name: String, _ parser: CellParser<Value>, _ dialect: TableDialect
    ) -> Value? {
        guard !cell.isEmpty else {
            report(place, "\(name) is required but empty")
            return nil
        }
        return value(cell, at: place, named: name, parser, dialect)
    }

    /// `.some(nil)` for an empty cell (the default applies), `nil` after an error.
    mutating func optional<Value>(
        _ cell: TableCell, at place: TablePlace, named name: String, _ parser: CellParser<Value>, _ dialect: TableDialect
    ) -> Value?? {
        guard !cell.isEmpty else { return .some(nil) }
        return value(cell, at: place, named: name, parser, dialect).map { .some($0) }
    }

    mutating func required<Value>(_ row: TableRow, _ column: String, _ parser: CellParser<Value>) -> Value? {
        required(row.cell(column), at: row.place(column), named: column, parser, row.dialect)
    }

    mutating func optional<Value>(_ row: TableRow, _ column: String, _ parser: CellParser<Value>) -> Value?? {
        optional(row.cell(column), at: row.place(column), named: column, parser, row.dialect)
    }

    /// Logs each cell of the row that stands under no column of the header.
    mutating func reportStrayCells(_ row: TableRow, lineWord: String) {
        for index in row.strayCells {
            report(
                TablePlace(file: row.file, line: row.line, column: index + 1),
                "this cell has text but no column name in the header \(lineWord)")
        }
    }

    private mutating func value<Value>(
        _ cell: TableCell, at place: TablePlace, named name: String, _ parser: CellParser<Value>, _ dialect: TableDialect
    ) -> Value? {
        if let problem = cell.problem ?? parser.refusal(of: cell) {
            report(place, "\(name): \(problem)")
            return nil
        }
        switch parser.parse(cell.text, cell.kind == .text ? dialect : .standard) {
        case .success(let value):
            return value
        case .failure(let problem):
            report(place, "\(name): \(problem.message)")
            return nil
        }
    }
}

// MARK: The kinds of cells

extension CellParser where Value == String {
    static var text: Self { Self { .success($0) } }
}

extension CellParser where Value == Int {
    static func integer(minimum: Int) -> Self {
        Self(expecting: .number) { text in
            guard let value = Int(text) else {
                let isFraction = Double(text.replacingComma) != nil
                return .failure(CellProblem(message: isFraction
                    ? "'\(text)' is not a whole number"
                    : "'\(text)' is not a number; write a whole number such as \(max(minimum, 2))"))
            }
            guard value >= minimum, value <= 1_000_000_000 else {
                return .failure(CellProblem(message: "must be at least \(minimum) and at most 1000000000, not \(value)"))
            }
            return .success(value)
        }
    }

    /// A count that may be 0, such as rooms or a weekly cap.
    static var count: Self { integer(minimum: 0) }
    /// A count of at least 1, such as a duration in day parts.
    static var positive: Self { integer(minimum: 1) }
}

extension CellParser where Value == Double {
    /// A weight of the score: a number in `range`, with a point as decimal separator, or a comma
    /// in a Dutch CSV file (where a point would be ambiguous: Dutch writes 1.000 for a thousand).
    static func weight(in range: ClosedRange<Double>) -> Self {
        Self(expecting: .number) { text, dialect in
            let hasOtherMark = text.contains(dialect.hasDecimalComma ? "." : ",")
            let value = hasOtherMark ? nil : Double(dialect.hasDecimalComma ? text.replacingComma : text)
            guard let value, value.isFinite else {
                let example = dialect.hasDecimalComma ? "2,5" : "2.5"
                let mark = dialect.hasDecimalComma ? "a comma" : "a point"
                let hint = Double(text.replacingComma) != nil ? "; use \(mark) as the decimal separator, such as \(example)" : ""
                return .failure(CellProblem(message: "'\(text)' is not a number\(hint)"))
            }
            guard range.contains(value) else {
                return .failure(CellProblem(message: "must be from \(range.lowerBound.decimalText) to \(range.upperBound.decimalText), not \(text)"))
            }
            return .success(value)
        }
    }
}

extension CellParser where Value == Bool {
    /// true/false, also yes/no and 1/0, in any case.
    static var flag: Self {
        Self(expecting: .flag) { text in
            switch text.lowercased() {
            case "true", "yes", "1": .success(true)
            case "false", "no", "0": .success(false)
            default: .failure(CellProblem(message: "'\(text)' is not true or false"))
            }
        }
    }
}

extension CellParser where Value == Day {
    /// `2026-12-07`; in a Dutch CSV file also `7-12-2026`, as a Dutch spreadsheet writes a date.
    static var day: Self {
        Self(expecting: .date) { text, dialect in
            if let day = Day(text) ?? (dialect.hasDayFirstDates ? Day(dayFirst: text) : nil) { return .success(day) }
            return .failure(CellProblem(message: dialect.hasDayFirstDates
                ? "'\(text)' is not a date: write it as 7-12-2026 or 2026-12-07"
                : "'\(text)' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-07 (format the column as text in a spreadsheet)"))
        }
    }
}

extension Day {
    /// `7-12-2026` or `07-12-2026` (also with `/`): day, month, year, as Dutch writes a date.
    init?(dayFirst text: String) {
        let separator: Character = text.contains("/") ? "/" : "-"
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}

extension CellParser where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of the cases, in any letter case (`Female` is `female`).
    static func choice(_ type: Value.Type) -> Self {
        Self { text in
            guard let value = Value.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                let options = Value.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(CellProblem(message: "'\(text)' is not one of \(options)"))
            }
            return .success(value)
        }
    }
}

extension CellParser where Value == [String] {
    /// `;`-separated items, each trimmed; empty items are skipped.
    static var list: Self { Self { .success(listItems($0)) } }

    /// Day parts such as `AM;PM`.
    static var dayParts: Self {
        Self { text in
            let parts = listItems(text)
            if let bad = parts.first(where: { $0.contains("/") }) {
                return .failure(CellProblem(message: "'\(bad)' is not a day part: write the parts such as AM;PM"))
            }
            return .success(parts)
        }
    }
}

extension CellParser where Value == [Day] {
    static var days: Self {
        Self(expecting: .date) { text, dialect in
            var days: [Day] = []
            for item in listItems(text) {
                switch CellParser<Day>.day.parse(item, dialect) {
                case .success(let day): days.append(day)
                case .failure(let problem): return .failure(problem)
                }
            }
            return .success(days)
        }
    }
}

extension CellParser where Value == [LanguageSkill] {
    /// `tir;amh*`: a trailing `*` marks a language the interpreter is not registered for.
    static var languages: Self {
        Self { text in
            var skills: [LanguageSkill] = []
            for item in listItems(text) {
                let isUnregistered = item.last == RosterLayout.unregisteredMark
                let code = String((isUnregistered ? String(item.dropLast()) : item).trimmingSpaces)
                guard !code.isEmpty, !code.contains(RosterLayout.unregisteredMark) else {
                    return .failure(CellProblem(message:
                        "'\(item)' is not a language: write codes such as tir;amh*, with * only at the end of a code the interpreter is not registered for"))
                }
                skills.append(LanguageSkill(code: code, registered: !isUnregistered))
            }
            return .success(skills)
        }
    }
}

extension CellParser where Value == SlotName {
    static var slot: Self {
        Self { text in
            guard let slot = SlotName(text) else {
                return .failure(CellProblem(message: "'\(text)' is not a slot: write it as DATE/PART, e.g. 2026-12-07/AM"))
            }
            return .success(slot)
        }
    }
}

extension CellParser where Value == DayPartTimes {
    /// `09:00-12:30`.
    static var times: Self {
        Self { text in
            let ends = text.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 2,
                  let start = TimeOfDay(String(String(ends[0]).trimmingSpaces)),
                  let end = TimeOfDay(String(String(ends[1]).trimmingSpaces))
            else {
                return .failure(CellProblem(message:
                    "'\(text)' is not a start and an end time: write it as 09:00-12:30 (HH:MM on a 24-hour clock)"))
            }
            return .success(DayPartTimes(start: start, end: end))
        }
    }
}

/// The items of a list-valued cell.
func listItems(_ text: String) -> [String] {
    text.split(separator: RosterLayout.listSeparator).map { String(String($0).trimmingSpaces) }.filter { !$0.isEmpty }
}

extension String {
    /// `2,5` as `2.5`, to tell a number with a decimal comma from text.
    fileprivate var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}

/// Why a cell's text is not a value of the kind its column holds, in a planner's words.
struct CellProblem: Error {
    var message: String
}

/// Turns the trimmed, non-empty text of a cell into a value.
struct CellParser<Value> {
    let parse: (String) -> Result<Value, CellProblem>
}

/// Reads typed values out of CSV cells. Every problem is logged at its cell with the column's
/// name, and reading goes on, so that a folder's errors are all reported at once.
struct CellReader {
    var log = DiagnosticLog()

    mutating func report(_ place: CSVPlace, _ message: String) {
        log.error(.csv(place), message)
    }

    /// The value of a cell that must not be empty.
    mutating func required<Value>(
        _ text: String, at place: CSVPlace, named name: String, _ parser: CellParser<Value>
    ) -> Value? {
        guard !text.isEmpty else {
            report(place, "\(name) is required but empty")
            return nil
        }
        return value(text, at: place, named: name, parser)
    }

    /// `.some(nil)` for an empty cell (the default applies), `nil` after an error.
    mutating func optional<Value>(
        _ text: String, at place: CSVPlace, named name: String, _ parser: CellParser<Value>
    ) -> Value?? {
        guard !text.isEmpty else { return .some(nil) }
        return value(text, at: place, named: name, parser).map { .some($0) }
    }

    mutating func required<Value>(_ row: CSVRow, _ column: String, _ parser: CellParser<Value>) -> Value? {
        required(row[column], at: row.place(column), named: column, parser)
    }

    mutating func optional<Value>(_ row: CSVRow, _ column: String, _ parser: CellParser<Value>) -> Value?? {
        optional(row[column], at: row.place(column), named: column, parser)
    }

    /// Logs each cell of the row that stands under no column of the header.
    mutating func reportStrayCells(_ row: CSVRow) {
        for index in row.strayCells {
            report(
                CSVPlace(file: row.file, line: row.line, column: index + 1),
                "this cell has text but no column name in the header line")
        }
    }

    private mutating func value<Value>(
        _ text: String, at place: CSVPlace, named name: String, _ parser: CellParser<Value>
    ) -> Value? {
        switch parser.parse(text) {
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
        Self { text in
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
    /// A weight of the score: a number in `range`, with a point as decimal separator.
    static func weight(in range: ClosedRange<Double>) -> Self {
        Self { text in
            guard let value = Double(text), value.isFinite else {
                let hint = Double(text.replacingComma) != nil ? "; use a point as the decimal separator, such as 2.5" : ""
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
        Self { text in
            switch text.lowercased() {
            case "true", "yes", "1": .success(true)
            case "false", "no", "0": .success(false)
            default: .failure(CellProblem(message: "'\(text)' is not true or false"))
            }
        }
    }
}

extension CellParser where Value == Day {
    static var day: Self {
        Self { text in
            guard let day = Day(text) else {
                return .failure(CellProblem(message:
                    "'\(text)' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-07 (format the column as text in a spreadsheet)"))
            }
            return .success(day)
        }
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
        Self { text in
            var days: [Day] = []
            for item in listItems(text) {
                switch CellParser<Day>.day.parse(item) {
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
                let isUnregistered = item.last == CSVLayout.unregisteredMark
                let code = String((isUnregistered ? String(item.dropLast()) : item).trimmingSpaces)
                guard !code.isEmpty, !code.contains(CSVLayout.unregisteredMark) else {
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
    text.split(separator: CSVLayout.listSeparator).map { String(String($0).trimmingSpaces) }.filter { !$0.isEmpty }
}

extension String {
    /// `2,5` as `2.5`, to tell a number with a decimal comma from text.
    fileprivate var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}

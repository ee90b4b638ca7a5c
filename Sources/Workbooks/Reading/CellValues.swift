import PlannerModel

/// The number formats of a workbook, to tell a date (a number shown as a date) from a number.
struct CellFormats {
    /// Format codes by number format id, as `numFmts` defines them.
    var codes: [Int: String] = [:]
    /// The number format id of each cell format, by the cell's `s` index.
    var numberFormatOfStyle: [Int] = []

    /// Whether a cell of style index `style` shows its number as a date.
    func isDate(style: Int) -> Bool {
        guard numberFormatOfStyle.indices.contains(style) else { return false }
        let id = numberFormatOfStyle[style]
        if let code = codes[id] { return Self.isDateCode(code) }
        return Self.builtInDateFormats.contains(id)
    }

    /// The built-in formats that show dates (ECMA-376 Part 1, §18.8.30): 14-17 and 22 everywhere,
    /// 27-36 and 50-58 in East Asian settings. Those that show only a time of day are left out.
    static let builtInDateFormats: Set<Int> = Set([14, 15, 16, 17, 22]).union(27...36).union(50...58)

    /// Whether a format code shows a date: it has a year or day, or months without hours or
    /// seconds beside them, outside quoted text, escaped characters and bracketed parts such as
    /// colours and locales (`[$-413]d-m-yyyy`). Only the first section counts.
    static func isDateCode(_ code: String) -> Bool {
        var letters: [Character] = []
        var iterator = code.makeIterator()
        var isQuoted = false
        var isBracketed = false
        while let character = iterator.next() {
            if isQuoted {
                if character == "\"" { isQuoted = false }
                continue
            }
            if isBracketed {
                if character == "]" { isBracketed = false }
                continue
            }
            switch character {
            case "\"": isQuoted = true
            case "[": isBracketed = true
            case "\\", "_", "*": _ = iterator.next()
            case ";": return isDate(letters)
            default: letters.append(Character(character.lowercased()))
            }
        }
        return isDate(letters)
    }

    private static func isDate(_ letters: [Character]) -> Bool {
        if letters.contains("y") || letters.contains("d") { return true }
        return letters.contains("m") && !letters.contains("h") && !letters.contains("s")
    }
}

/// Dates as spreadsheets store them: a count of days (a serial number) from an origin.
enum SerialDate {
    /// The latest date Excel stores, 9999-12-31, as a serial of the 1900 system.
    static let maximumSerial = 2_958_465.0

    /// The date of `serial` (its whole days; a time of day is left out), or why there is none.
    ///
    /// In the 1900 system serial 1 is 1900-01-01, and serial 60 is 29 February 1900, a day that
    /// never was: Lotus 1-2-3 counted 1900 as a leap year and Excel kept it, so from serial 61 on
    /// (1900-03-01) every serial is one day more than the days since 1899-12-31. In the 1904 system
    /// serial 0 is 1904-01-01.
    static func day(serial: Double, is1904: Bool) -> Result<Day, SerialDateProblem> {
        guard serial.isFinite, serial < maximumSerial + 1 else { return .failure(.afterYear9999) }
        let days = Int(serial.rounded(.down))
        if is1904 {
            guard days >= 0, let origin = Day(year: 1904, month: 1, day: 1) else { return .failure(.before1904) }
            return .success(Day(ordinal: origin.ordinal + days))
        }
        guard days >= 1 else { return .failure(.before1900) }
        guard days != 60 else { return .failure(.february29Of1900) }
        guard let origin = Day(year: 1899, month: 12, day: 31) else { return .failure(.before1900) }
        return .success(Day(ordinal: origin.ordinal + days - (days > 60 ? 1 : 0)))
    }
}

/// Why a serial number is no date a roster can hold, in a planner's words.
enum SerialDateProblem: Error, Equatable {
    case before1900, before1904, february29Of1900, afterYear9999

    var message: String {
        switch self {
        case .before1900:
            "the cell holds a date before 1 January 1900, which spreadsheets cannot store as a date; a roster's dates are in this century: check the year"
        case .before1904:
            "the cell holds a date before 1 January 1904, the first date of this workbook's calendar (the 1904 date system); check the year"
        case .february29Of1900:
            "the cell holds 29 February 1900, a day that never was (spreadsheets count 1900 as a leap year for old programs' sake); check the date"
        case .afterYear9999:
            "the cell holds a number too large to be a date"
        }
    }
}

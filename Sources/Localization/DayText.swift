import PlannerModel

extension Catalogue {
    /// A date as people write it: "ma 7 dec 2026" (nl), "Mon 7 Dec 2026" (en).
    public func day(_ day: Day) -> String {
        let (year, month, date) = day.components
        return text("date.short", [
            "weekday": text("weekday.short.\(day.weekday)"), "day": String(date),
            "month": text("month.short.\(month)"), "year": String(year),
        ])
    }

    /// A date with its day part: "ma 7 dec 2026, ochtend".
    public func slot(_ day: Day, part: String) -> String {
        text("date.withPart", ["date": self.day(day), "part": dayPart(part)])
    }

    /// A day part in words ("ochtend" for AM); a part the catalogue does not know keeps its name.
    public func dayPart(_ part: String) -> String {
        has("daypart.\(part)") ? text("daypart.\(part)") : part
    }
}

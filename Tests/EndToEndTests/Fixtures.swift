/// Small hand-written rosters, each checked by hand.
enum Fixtures {
    /// A roster with exactly three errors of different kinds, at `threeErrorPlaces`.
    static let threeErrors = """
        {
          "format": "hearing-planner/roster@1",
          "horizon": {"start": "2026-12-07", "end": "2026-12-11"},
          "locations": [{"id": "TA", "name": "Ter Apel", "rooms": 2}],
          "hearings": [
            {"id": "H-1", "language": "ara", "location": "TA", "earliest": "2026-12-09", "latest": "2026-12-08"},
            {"id": "H-2", "language": "ara", "location": "XX", "earliest": "2026-12-01", "latest": "2026-12-22"}
          ],
          "interpreters": [
            {"id": "I-1", "gender": "female", "languages": [{"code": "ara"}], "onsiteLocations": ["TA"],
             "available": ["2026-12-07/AM"]}
          ],
          "officers": [
            {"id": "O-1", "gender": "male", "location": "TA", "available": ["2026-12-07/AM", "2026-12-14/AM"]}
          ]
        }
        """

    /// Where each error of `threeErrors` is, and a word of its message.
    static let threeErrorPlaces: [(place: String, word: String)] = [
        ("hearings[0].latest", "before the earliest"),
        ("hearings[1].location", "XX"),
        ("officers[0].available[1]", "outside the horizon"),
    ]

    /// Two hearings fixed to the same slot without naming anyone, at a location whose only officer
    /// is available just then: valid as a roster, but only one of them can be held as fixed.
    static let fixedConflict = """
        {
          "format": "hearing-planner/roster@1",
          "horizon": {"start": "2026-12-07", "end": "2026-12-11"},
          "locations": [{"id": "TA", "name": "Ter Apel", "rooms": 2}],
          "hearings": [
            {"id": "H-1", "language": "ara", "location": "TA", "earliest": "2026-12-07", "latest": "2026-12-11",
             "fixed": {"date": "2026-12-08", "slot": "AM"}},
            {"id": "H-2", "language": "ara", "location": "TA", "earliest": "2026-12-07", "latest": "2026-12-11",
             "fixed": {"date": "2026-12-08", "slot": "AM"}}
          ],
          "interpreters": [
            {"id": "I-1", "gender": "female", "languages": [{"code": "ara"}], "onsiteLocations": ["TA"],
             "available": ["2026-12-08/AM"]},
            {"id": "I-2", "gender": "male", "languages": [{"code": "ara"}], "onsiteLocations": ["TA"],
             "available": ["2026-12-08/AM"]}
          ],
          "officers": [
            {"id": "O-1", "gender": "male", "location": "TA", "available": ["2026-12-08/AM"]}
          ]
        }
        """

    /// A row to append to a generated `hearings.csv`: its earliest date is not a date.
    static let brokenHearingRow = "H-BROKEN,,ara,,TA,,2026-13-45,2026-12-11,,,,,,,,,,,\n"
}

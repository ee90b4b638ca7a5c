import PlannerModel
import Testing

/// CSV as a spreadsheet set to Dutch saves it: semicolons, a decimal comma, dates day first,
/// UTF-8 with or without its mark, or Windows-1252.
@Suite("CSV from a Dutch spreadsheet")
struct DutchCSVTests {
    /// The minimal folder, every file separated by semicolons (a list in its cell quoted).
    static func dutchFolder(replacing changes: [String: String] = [:]) -> [String: [UInt8]] {
        var files: [String: String] = [:]
        for (name, text) in CSVFixtures.minimalFolder {
            files[name] = text.replacingOccurrences(of: "tir;amh*", with: "\"tir;amh*\"").replacingOccurrences(of: ",", with: ";")
        }
        for (name, text) in changes { files[name] = text }
        return files.mapValues { Array($0.utf8) }
    }

    @Test("A folder separated by semicolons reads as the one separated by commas")
    func semicolons() throws {
        let comma = RosterCSV.read(files: CSVFixtures.folder()).checked()
        let dutch = RosterCSV.read(files: Self.dutchFolder()).checked()
        #expect(dutch.errors == [])
        #expect(dutch.roster == comma.roster)
    }

    @Test("Dates day first, a decimal comma, and lists in quotes")
    func dutchValues() throws {
        let files = Self.dutchFolder(replacing: [
            "horizon.csv": "key;value\nstart;7-12-2026\nend;18-12-2026\nholidays;\"10-12-2026;11-12-2026\"\n",
            "policy.csv": "key;value\nhearingValue;12,5\n",
            "hearings.csv": "id;language;fallbackLanguages;location;earliest;latest\nH-1;tir;\"amh;ara\";TA;01-12-2026;22/12/2026\n",
        ])
        let checked = RosterCSV.read(files: files).checked()
        #expect(checked.errors == [])
        let roster = try #require(checked.roster)
        #expect(roster.horizon.start == (try CSVFixtures.day("2026-12-07")))
        #expect(roster.horizon.holidays == [try CSVFixtures.day("2026-12-10"), try CSVFixtures.day("2026-12-11")])
        #expect(roster.policy.hearingValue == 12.5)
        #expect(roster.hearings.first?.fallbackLanguages == ["amh", "ara"])
        #expect(roster.hearings.first?.latest == (try CSVFixtures.day("2026-12-22")))
    }

    @Test("In a Dutch file a point in a number is refused: 1.000 is a thousand there")
    func pointInADutchNumber() throws {
        let checked = RosterCSV.read(files: Self.dutchFolder(replacing: ["policy.csv": "key;value\ndeadlineBonus;1.000\n"])).checked()
        #expect(checked.errors.map(\.place) == ["policy.csv:2:2"])
        #expect(checked.errors.first?.message == "deadlineBonus: '1.000' is not a number; use a comma as the decimal separator, such as 2,5")
    }

    @Test("Dates day first are for Dutch files only; a file with commas keeps YYYY-MM-DD")
    func dayFirstOnlyInDutch() throws {
        var files = CSVFixtures.folder()
        files["horizon.csv"] = Array("key,value\nstart,7-12-2026\nend,2026-12-18\n".utf8)
        #expect(RosterCSV.read(files: files).checked().errors.map(\.place) == ["horizon.csv:2:2"])
    }

    @Test("Windows-1252, as Excel's plain CSV is saved on a Dutch Windows, with or without a UTF-8 mark elsewhere")
    func windows1252() throws {
        var files = Self.dutchFolder()
        // "Café €" as Windows-1252 writes it: é is 0xE9, the euro sign 0x80.
        files["locations.csv"] = Array("id;name\nTA;Caf".utf8) + [0xE9, 0x20, 0x80, 0x0A]
        files["hearings.csv"] = [0xEF, 0xBB, 0xBF] + (files["hearings.csv"] ?? [])
        let checked = RosterCSV.read(files: files).checked()
        #expect(checked.errors == [])
        #expect(checked.roster?.locations.first?.name == "Café €")
    }
}

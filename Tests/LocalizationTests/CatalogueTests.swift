import PlannerModel
import Testing

@testable import Localization

@Suite struct CatalogueTests {
    @Test func dutchAndEnglishHoldTheSameKeys() {
        let dutch = Set(Catalogue.of(.nl).texts.keys)
        let english = Set(Catalogue.of(.en).texts.keys)
        #expect(dutch.subtracting(english).sorted() == [])
        #expect(english.subtracting(dutch).sorted() == [])
        #expect(dutch.count > 50)
    }

    @Test func everyPlaceholderOfOneLanguageIsInTheOther() {
        let dutch = Catalogue.of(.nl), english = Catalogue.of(.en)
        for key in dutch.texts.keys.sorted() {
            #expect(Self.placeholders(dutch.texts[key]!) == Self.placeholders(english.texts[key] ?? ""), "\(key)")
        }
    }

    @Test(arguments: Reason.Code.allCases)
    func everyReasonCodeHasASentenceAndATitleInBothLanguages(code: Reason.Code) {
        for language in Language.allCases {
            let catalogue = Catalogue.of(language)
            #expect(catalogue.has("reason.\(code.rawValue)"), "\(language) reason.\(code.rawValue)")
            #expect(catalogue.has("reasonTitle.\(code.rawValue)"), "\(language) reasonTitle.\(code.rawValue)")
        }
    }

    @Test func catalogueFilesMergeWithoutAKeyInTwoFiles() {
        for language in Language.allCases {
            #expect(Catalogue.merged(language, from: EmbeddedFiles.files).problems == [], "\(language)")
        }
        let files = [
            "catalogues/nl.json": #"{"a": "1"}"#, "catalogues/console/nl.json": #"{"a": "2", "b": "3"}"#,
            "catalogues/report/nl.json": "[]", "catalogues/en.json": #"{"c": "4"}"#,
        ]
        let (texts, problems) = Catalogue.merged(.nl, from: files)
        #expect(Set(texts.keys) == ["a", "b"])
        #expect(problems.count == 2)
    }

    @Test func datesAsPeopleWriteThem() throws {
        let day = try #require(Day("2026-12-07"))
        #expect(Catalogue.of(.nl).slot(day, part: "AM") == "ma 7 dec 2026, ochtend")
        #expect(Catalogue.of(.en).slot(day, part: "PM") == "Mon 7 Dec 2026, afternoon")
        #expect(Catalogue.of(.nl).day(try #require(Day("2027-03-05"))) == "vr 5 mrt 2027")
        #expect(Catalogue.of(.nl).dayPart("EVE") == "EVE")
    }

    @Test func placeholdersAreFilledAndCountsChooseTheirForm() {
        #expect(Catalogue.fill("{a} and {b}", ["a": "1"]) == "1 and {b}")
        #expect(Catalogue.fill("no braces", [:]) == "no braces")
        #expect(Catalogue.fill("open {brace", [:]) == "open {brace")
        #expect(Catalogue.of(.nl).text("no.such.key") == "no.such.key")
    }

    @Test(arguments: [
        ("nl-NL,nl;q=0.9,en;q=0.8", Language.nl), ("en-GB,en;q=0.9", .en), ("de-DE,en;q=0.5", .en),
        ("fr", .nl), ("en;q=0.4, nl;q=0.7", .nl), ("en;q=0, nl;q=0", .nl),
    ])
    func acceptLanguageChoosesOneOfOurs(header: String, expected: Language) {
        #expect(Language.preferred(acceptLanguage: header) == expected)
    }

    @Test func noHeaderMeansDutch() {
        #expect(Language.preferred(acceptLanguage: nil) == .nl)
    }

    private static func placeholders(_ text: String) -> Set<String> {
        var found = Set<String>()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }
}

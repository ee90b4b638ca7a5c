import PlannerModel
import Testing

@Suite("CSV round trips")
struct CSVRoundTripTests {
    @Test func aRosterWithEveryFieldReadsBackEqual() throws {
        let roster = try CSVFixtures.everyField()
        let files = try RosterCSV.write(roster)
        let source = RosterCSV.read(files: files)
        #expect(source.checked().errors == [])
        #expect(source.roster == roster)
    }

    @Test func jsonToCSVToJSONGivesAnEqualRoster() throws {
        let roster = try CSVFixtures.everyField()
        let json = try RosterJSON.write(roster)
        let fromJSON = try #require(RosterJSON.read(json).roster)
        let fromCSV = try #require(RosterCSV.read(files: try RosterCSV.write(fromJSON)).roster)
        #expect(fromCSV == roster)
        // Compared as rosters: JSONOutput's key order is not stable from one write to the next.
        #expect(RosterJSON.read(try RosterJSON.write(fromCSV)).roster == roster)
    }

    @Test func csvToJSONToCSVGivesTheSameFiles() throws {
        let files = try RosterCSV.write(try CSVFixtures.everyField())
        let fromCSV = try #require(RosterCSV.read(files: files).roster)
        let fromJSON = try #require(RosterJSON.read(try RosterJSON.write(fromCSV)).roster)
        #expect(try RosterCSV.write(fromJSON) == files)
    }

    @Test func aHandWrittenFolderGoesThroughJSONUnchanged() throws {
        let roster = try #require(RosterCSV.read(files: CSVFixtures.folder()).roster)
        #expect(roster == (try CSVFixtures.minimalRoster()))
        let again = try #require(RosterJSON.read(try RosterJSON.write(roster)).roster)
        #expect(again == roster)
    }

    @Test func theDefaultPolicyWritesNoPolicyFile() throws {
        let files = try RosterCSV.write(try CSVFixtures.minimalRoster())
        #expect(Set(files.keys) == Set(RosterCSV.fileNames.required))
    }

    /// The written text, checked by hand: empty cells for defaults, lists with `;`, quoting only
    /// where a cell needs it, availability one row per slot.
    @Test func theWrittenFilesReadAsTheFormatSays() throws {
        let files = try RosterCSV.write(try CSVFixtures.everyField())
        #expect(try CSVFixtures.text(files["horizon.csv"]) == """
            key,value
            start,2026-12-07
            end,2026-12-18
            holidays,2026-12-10
            slots,AM;PM;EV
            timeZone,Europe/Brussels
            slotTimes.AM,08:30-12:00
            slotTimes.PM,13:00-16:30
            slotTimes.EV,17:00-19:00

            """)
        #expect(try CSVFixtures.text(files["locations.csv"]) == """
            id,name,rooms
            TA,"Ter Apel, ""AZC""
            Building B",12
            ZW,,

            """)
        #expect(try CSVFixtures.text(files["hearings.csv"]) == """
            id,kind,language,fallbackLanguages,location,durationSlots,earliest,latest,interpreterGender,\
            officerGender,priority,requiredTrainings,remoteInterpreterAllowed,excludedInterpreters,excludedOfficers,\
            fixedDate,fixedSlot,fixedInterpreter,fixedOfficer
            H-000123,"detailed, second",tir,amh;ara,TA,2,2026-12-01,2026-12-22,female,male,high,\
            vulnerable-persons;minors,false,I-17,O-3,2026-12-08,AM,I-4,O-2
            H-000124,,ara,,ZW,,2026-12-09,2026-12-30,,,,,,,,,,,
            H-000125,dublin,amh,,TA,,2026-11-02,2026-12-04,,female,,,,,,2026-12-14,PM,,

            """)
        #expect(try CSVFixtures.text(files["interpreters.csv"]) == """
            id,gender,languages,onsiteLocations,remote,maxHearingsPerWeek
            I-4,female,tir;amh*,TA,true,8
            I-17,x,ara,,true,

            """)
        #expect(try CSVFixtures.text(files["officers.csv"]) == """
            id,gender,location,trainings,maxHearingsPerWeek
            O-2,male,TA,vulnerable-persons;minors,6
            O-3,female,TA,,
            O-9,x,ZW,,

            """)
        #expect(try CSVFixtures.text(files["availability.csv"]) == """
            person,slot
            I-4,2026-12-08/AM
            I-4,2026-12-08/PM
            I-4,2026-12-14/PM
            I-17,2026-12-09/EV
            O-2,2026-12-08/AM
            O-2,2026-12-08/PM
            O-3,2026-12-14/PM

            """)
        #expect(try CSVFixtures.text(files["policy.csv"]) == """
            key,value
            hearingValue,12.5
            ageWeight,1
            delayWeight,1
            deadlineBonus,1000
            preferencePenalty.standard,20
            preferencePenalty.high,80
            unregisteredPenalty,5
            fallbackLanguagePenalty,10
            changePenalty,10
            freezeHours,24
            maxChanges,3

            """)
    }

    @Test func valuesACellCannotHoldAreAllRefused() throws {
        var roster = try CSVFixtures.minimalRoster()
        roster.hearings[0].requiredTrainings = ["a;b"]
        roster.hearings[0].kind = "registration "
        roster.interpreters[0].languages.append(LanguageSkill(code: "ti*"))
        roster.locations[0].name = ""
        let error = try #require(throws: RosterCSV.WriteError.self) { try RosterCSV.write(roster) }
        #expect(error.diagnostics.map(\.place) == [
            "locations[0].name", "hearings[0].kind", "hearings[0].requiredTrainings[0]", "interpreters[0].languages[2].code",
        ])
        #expect(error.diagnostics[2].message.contains("separates the items of a list"))
        #expect(error.diagnostics[3].message.contains("not registered"))
    }
}

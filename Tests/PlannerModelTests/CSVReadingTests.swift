import Foundation
import PlannerModel
import Testing

@Suite("Reading a CSV folder")
struct CSVReadingTests {
    private func roster(_ files: [String: [UInt8]]) throws -> Roster {
        let checked = RosterCSV.read(files: files).checked()
        #expect(checked.errors == [])
        return try #require(checked.roster)
    }

    @Test func availabilityByDateGivesTheSameRosterAsBySlot() throws {
        let bySlot = try CSVFixtures.everyField()
        var files = try RosterCSV.write(bySlot)
        files["availability.csv"] = Array("""
            person,date,slots
            I-4,2026-12-08,AM;PM
            O-2,2026-12-08,AM ; PM
            I-17,2026-12-09,EV
            I-4,2026-12-14,PM
            O-3,2026-12-14,PM
            """.utf8)
        #expect(try roster(files) == bySlot)
    }

    @Test func availabilityColumnsMayComeInAnyOrder() throws {
        let files = CSVFixtures.folder(replacing: [
            "availability.csv": "slots,person,date\nAM,I-4,2026-12-07\nAM,O-2,2026-12-07\n",
        ])
        #expect(try roster(files) == (try CSVFixtures.minimalRoster()))
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        var files = CSVFixtures.folder()
        for name in files.keys { files[name] = [0xEF, 0xBB, 0xBF] + files[name, default: []] }
        #expect(try roster(files) == (try CSVFixtures.minimalRoster()))
    }

    @Test func crlfLineEndsReadLikeLF() throws {
        var files = CSVFixtures.folder()
        for (name, text) in CSVFixtures.minimalFolder {
            files[name] = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        }
        #expect(try roster(files) == (try CSVFixtures.minimalRoster()))
    }

    @Test func quotedCellsKeepCommasQuotesAndLineBreaks() throws {
        let files = CSVFixtures.folder(replacing: [
            "locations.csv": "id,name,rooms\r\nTA,\"Ter Apel, \"\"AZC\"\"\r\nBuilding B\",12\r\n\"Z,W\",\"\",\n",
        ])
        let locations = try roster(files).locations
        #expect(locations == [
            Location(id: "TA", name: "Ter Apel, \"AZC\"\r\nBuilding B", rooms: 12), Location(id: "Z,W"),
        ])
    }

    @Test func spacesAroundCellsAndBlankLinesAreIgnored() throws {
        let files = CSVFixtures.folder(replacing: [
            "locations.csv": "\n id , name,rooms \n  TA ,  Ter Apel  , 12\t\n\n,,\n  \n",
            "hearings.csv": "id,language,location,earliest,latest\nH-1 ,tir, TA,\"  2026-12-01 \", 2026-12-22\n\n\n",
        ])
        #expect(try roster(files) == (try CSVFixtures.minimalRoster()))
    }

    @Test func hearingColumnsMayComeInAnyOrderAndEmptyCellsTakeTheDefaults() throws {
        let files = CSVFixtures.folder(replacing: [
            "hearings.csv": """
                latest,fixedOfficer,priority,id,earliest,location,durationSlots,language,remoteInterpreterAllowed,kind
                2026-12-22,,,H-1,2026-12-01,TA,,tir,,
                """,
        ])
        #expect(try roster(files) == (try CSVFixtures.minimalRoster()))
    }

    @Test(arguments: [("true", true), ("FALSE", false), ("Yes", true), ("no", false), ("1", true), ("0", false)])
    func booleansAcceptCommonSpellings(cell: String, value: Bool) throws {
        let files = CSVFixtures.folder(replacing: [
            "interpreters.csv": "id,gender,languages,remote\nI-4,female,tir,\(cell)\n",
        ])
        #expect(try roster(files).interpreters.first?.remote == value)
    }

    @Test func gendersAndPrioritiesAcceptAnyLetterCase() throws {
        let files = CSVFixtures.folder(replacing: [
            "hearings.csv": """
                id,language,location,earliest,latest,interpreterGender,priority
                H-1,tir,TA,2026-12-01,2026-12-22,Female,HIGH
                """,
            "officers.csv": "id,gender,location\nO-2,X,TA\n",
        ])
        let roster = try roster(files)
        #expect(roster.hearings.first?.interpreterGender == .female)
        #expect(roster.hearings.first?.priority == .high)
        #expect(roster.officers.first?.gender == .x)
    }

    @Test func otherFilesThanCSVAreIgnored() throws {
        var files = CSVFixtures.folder()
        files["README.txt"] = Array("notes".utf8)
        files[".DS_Store"] = [0, 1, 2]
        #expect(try roster(files) == (try CSVFixtures.minimalRoster()))
    }

    @Test func horizonAndPolicyKeysSetTheirFields() throws {
        let files = CSVFixtures.folder(replacing: [
            "horizon.csv": """
                key,value
                start,2026-12-07
                end,2026-12-18
                holidays,2026-12-10; 2026-12-11
                slots,
                timeZone,
                slotTimes.PM,14:00-17:30
                """,
            "policy.csv": "value,key\n80,preferencePenalty.high\n,freezeHours\n2,maxChanges\n",
        ])
        let roster = try roster(files)
        #expect(roster.horizon.holidays == [try CSVFixtures.day("2026-12-10"), try CSVFixtures.day("2026-12-11")])
        #expect(roster.horizon.slots == Horizon.defaultSlots)
        #expect(roster.horizon.timeZone == Horizon.defaultTimeZone)
        #expect(roster.horizon.slotTimes["AM"] == Horizon.defaultSlotTimes["AM"])
        #expect(roster.horizon.slotTimes["PM"]?.start == (try CSVFixtures.time("14:00")))
        var policy = Policy()
        policy.preferencePenalty.high = 80
        policy.maxChanges = 2
        #expect(roster.policy == policy)
    }
}

@Suite("Places of a roster read from CSV")
struct CSVPlacesTests {
    /// hearings.csv: the first data row has an error (left out), the second a two-line cell.
    static let files = CSVFixtures.folder(replacing: [
        "horizon.csv": "key,value\nstart,2026-12-07\nend,2026-12-18\nholidays,2026-12-10\nslotTimes.PM,13:00-17:00\n",
        "policy.csv": "key,value\nhearingValue,11\npreferencePenalty.high,80\n",
        "hearings.csv": """
            id,kind,language,location,earliest,latest,fixedDate,fixedSlot,fixedInterpreter
            H-0,,tir,TA,2026-13-01,2026-12-22,,,
            H-1,"two
            lines",tir,TA,2026-12-01,2026-12-22,2026-12-08,AM,I-4
            H-2,,tir,TA,2026-12-01,2026-12-22,,,

            """,
        "availability.csv": "person,date,slots\nO-2,2026-12-07,AM\nI-4,2026-12-07,AM;PM\nI-4,2026-12-08,AM\n",
    ])

    @Test(arguments: [
        ("hearings[0]", "hearings.csv:3:1"),
        ("hearings[0].location", "hearings.csv:3:4"),
        ("hearings[0].fixed", "hearings.csv:3:7"),
        ("hearings[0].fixed.interpreter", "hearings.csv:3:9"),
        ("hearings[1].latest", "hearings.csv:5:6"),
        ("hearings[1].officerGender", "hearings.csv:5:1"),
        ("hearings[1].requiredTrainings[0]", "hearings.csv:5:1"),
        ("hearings[7]", "hearings.csv"),
        ("locations[0].id", "locations.csv:2:1"),
        ("locations[0].rooms", "locations.csv:2:3"),
        ("interpreters[0].languages[1].code", "interpreters.csv:2:3"),
        ("interpreters[0].available[1]", "availability.csv:3:3"),
        ("interpreters[0].available[2]", "availability.csv:4:3"),
        ("interpreters[0].available", "availability.csv:3:3"),
        ("officers[0].available[0]", "availability.csv:2:3"),
        ("officers[0].location", "officers.csv:2:3"),
        ("horizon.start", "horizon.csv:2:2"),
        ("horizon.holidays[0]", "horizon.csv:4:2"),
        ("horizon.slotTimes.PM", "horizon.csv:5:2"),
        ("horizon.slotTimes.AM", "horizon.csv"),
        ("policy.preferencePenalty.high", "policy.csv:3:2"),
        ("policy.preferencePenalty", "policy.csv:3:2"),
        ("policy.maxChanges", "policy.csv"),
    ])
    func modelPathsLeadToTheirCells(path: String, place: String) throws {
        let source = RosterCSV.read(files: Self.files)
        #expect(source.locate(try Self.fieldPath(path)) == place)
    }

    @Test func theRowWithAnErrorIsLeftOutAndItsIDRemembered() throws {
        let source = RosterCSV.read(files: Self.files)
        #expect(source.roster?.hearings.map(\.id) == ["H-1", "H-2"])
        #expect(source.incompleteIDs == ["H-0"])
        #expect(source.checked().errors.map(\.place) == ["hearings.csv:2:5"])
    }

    /// Parses `hearings[1].fixed.date` into a field path.
    static func fieldPath(_ text: String) throws -> FieldPath {
        var path = FieldPath.root
        for part in text.split(separator: ".") {
            let name = part.prefix { $0 != "[" }
            path = path / String(name)
            var rest = part.dropFirst(name.count)
            while rest.first == "[" {
                let digits = rest.dropFirst().prefix { $0 != "]" }
                path = path / (try #require(Int(digits)))
                rest = rest.dropFirst(digits.count + 2)
            }
        }
        return path
    }
}

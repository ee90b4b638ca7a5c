import PlannerModel
import Testing

/// The minimal folder with one file replaced, and the one error that must come of it.
struct BadFolder: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    /// The new bytes of `file`, or `nil` to leave it out.
    var bytes: [UInt8]?
    var place: String
    var fragment: String

    init(_ name: String, _ file: String, _ text: String?, at place: String, _ fragment: String) {
        self.init(name, file, bytes: text.map { Array($0.utf8) }, at: place, fragment)
    }

    init(_ name: String, _ file: String, bytes: [UInt8]?, at place: String, _ fragment: String) {
        self.name = name
        self.file = file
        self.bytes = bytes
        self.place = place
        self.fragment = fragment
    }

    var testDescription: String { name }

    var files: [String: [UInt8]] {
        var files = CSVFixtures.folder()
        files[file] = bytes
        return files
    }
}

@Suite("Errors in a CSV folder")
struct CSVErrorTests {
    static let hearingsHeader = "id,language,location,earliest,latest"

    static let cases: [BadFolder] = [
        BadFolder("missing file", "officers.csv", nil, at: "officers.csv", "this file is missing"),
        BadFolder("empty file", "officers.csv", "\n\n", at: "officers.csv:1:1", "the file is empty"),
        BadFolder(
            "unknown file", "polcy.csv", "key,value\n", at: "polcy.csv", "did you mean \"policy.csv\"?"),
        BadFolder(
            "missing required column", "officers.csv", "id,gender\nO-2,female\n",
            at: "officers.csv:1:1", "the header has no column \"location\", which is required"),
        BadFolder(
            "unknown column", "hearings.csv", "id,langauge,language,location,earliest,latest\nH-1,,tir,TA,2026-12-01,2026-12-22\n",
            at: "hearings.csv:1:2", "unknown column \"langauge\"; did you mean \"language\"?"),
        BadFolder(
            "repeated column", "locations.csv", "id,name,id\nTA,Ter Apel,TA\n",
            at: "locations.csv:1:3", "the column \"id\" appears twice"),
        BadFolder(
            "tab separated", "locations.csv", "id\tname\trooms\nTA\tTer Apel\t12\n",
            at: "locations.csv:1:1", "separated by tabs"),
        BadFolder(
            "cell beyond the header", "locations.csv", "id,name,rooms\nTA,Ter Apel,12,,oops\n",
            at: "locations.csv:2:5", "no column name"),
        BadFolder(
            "bad date", "hearings.csv", "\(hearingsHeader)\nH-1,tir,TA,07-12-2026,2026-12-22\n",
            at: "hearings.csv:2:4", "earliest: '07-12-2026' is not a date: write it as YYYY-MM-DD"),
        BadFolder(
            "required cell empty", "hearings.csv", "\(hearingsHeader)\nH-1,,TA,2026-12-01,2026-12-22\n",
            at: "hearings.csv:2:2", "language is required but empty"),
        BadFolder(
            "fraction", "hearings.csv", "\(hearingsHeader),durationSlots\nH-1,tir,TA,2026-12-01,2026-12-22,1.5\n",
            at: "hearings.csv:2:6", "durationSlots: '1.5' is not a whole number"),
        BadFolder(
            "not a number", "locations.csv", "id,rooms\nTA,twelve\n", at: "locations.csv:2:2", "rooms: 'twelve' is not a number"),
        BadFolder(
            "below the minimum", "locations.csv", "id,rooms\nTA,-1\n", at: "locations.csv:2:2", "must be at least 0"),
        BadFolder(
            "bad boolean", "hearings.csv", "\(hearingsHeader),remoteInterpreterAllowed\nH-1,tir,TA,2026-12-01,2026-12-22,maybe\n",
            at: "hearings.csv:2:6", "'maybe' is not true or false"),
        BadFolder(
            "unknown gender", "interpreters.csv", "id,gender,languages\nI-4,f,tir\n",
            at: "interpreters.csv:2:2", "gender: 'f' is not one of female, male, x"),
        BadFolder(
            "gender x is no preference", "hearings.csv", "\(hearingsHeader),officerGender\nH-1,tir,TA,2026-12-01,2026-12-22,x\n",
            at: "hearings.csv:2:6", "'x' is not one of female, male"),
        BadFolder(
            "unknown priority", "hearings.csv", "\(hearingsHeader),priority\nH-1,tir,TA,2026-12-01,2026-12-22,urgent\n",
            at: "hearings.csv:2:6", "'urgent' is not one of standard, high"),
        BadFolder(
            "fixed without a slot", "hearings.csv", "\(hearingsHeader),fixedDate,fixedSlot\nH-1,tir,TA,2026-12-01,2026-12-22,2026-12-08,\n",
            at: "hearings.csv:2:7", "fixedSlot is required when the hearing is fixed"),
        BadFolder(
            "a lone star", "interpreters.csv", "id,gender,languages\nI-4,female,tir;*\n",
            at: "interpreters.csv:2:3", "'*' is not a language"),
        BadFolder(
            "unknown person", "availability.csv", "person,slot\nI-4,2026-12-07/AM\nI-5,2026-12-07/AM\nI-5,2026-12-07/PM\n",
            at: "availability.csv:3:1", "\"I-5\" is neither in interpreters.csv nor in officers.csv (1 more row"),
        BadFolder(
            "bad slot", "availability.csv", "person,slot\nI-4,2026-12-07AM\n",
            at: "availability.csv:2:2", "'2026-12-07AM' is not a slot"),
        BadFolder(
            "bad day part", "availability.csv", "person,date,slots\nI-4,2026-12-07,AM/PM\n",
            at: "availability.csv:2:3", "'AM/PM' is not a day part"),
        BadFolder(
            "both availability forms", "availability.csv", "person,slot,date,slots\nI-4,,2026-12-07,AM\n",
            at: "availability.csv:1:2", "unknown column \"slot\"; did you mean \"slots\"?"),
        BadFolder(
            "missing horizon key", "horizon.csv", "key,value\nend,2026-12-18\n",
            at: "horizon.csv", "there is no row for \"start\", which is required"),
        BadFolder(
            "unknown horizon key", "horizon.csv", "key,value\nstart,2026-12-07\nend,2026-12-18\ntimezone,UTC\n",
            at: "horizon.csv:4:1", "did you mean \"timeZone\"?"),
        BadFolder(
            "repeated horizon key", "horizon.csv", "key,value\nstart,2026-12-07\nend,2026-12-18\nstart,2026-12-08\n",
            at: "horizon.csv:4:1", "\"start\" is given twice (also on line 2)"),
        BadFolder(
            "bad slot times", "horizon.csv", "key,value\nstart,2026-12-07\nend,2026-12-18\nslotTimes.AM,9-12\n",
            at: "horizon.csv:4:2", "slotTimes.AM: '9-12' is not a start and an end time"),
        BadFolder(
            "slot times without a part", "horizon.csv", "key,value\nstart,2026-12-07\nend,2026-12-18\nslotTimes,09:00-12:00\n",
            at: "horizon.csv:4:1", "such as slotTimes.AM"),
        BadFolder(
            "unknown policy key", "policy.csv", "key,value\nhearingvalue,5\n",
            at: "policy.csv:2:1", "did you mean \"hearingValue\"?"),
        BadFolder(
            "decimal comma", "policy.csv", "key,value\npreferencePenalty.high,\"2,5\"\n",
            at: "policy.csv:2:2", "use a point as the decimal separator"),
        BadFolder(
            "absurd weight", "policy.csv", "key,value\nhearingValue,1e308\n",
            at: "policy.csv:2:2", "must be from 0 to 1000000, not 1e308"),
        BadFolder(
            "line after a quoted line break", "hearings.csv",
            "id,kind,language,location,earliest,latest\nH-1,\"two\r\nlines\",tir,TA,2026-12-01,2026-12-22\nH-2,,tir,TA,2026-12-01,2026-12-32\n",
            at: "hearings.csv:4:6", "'2026-12-32' is not a date"),
        BadFolder(
            "CRLF line ends", "hearings.csv",
            "\(hearingsHeader)\r\nH-1,tir,TA,2026-12-01,2026-12-22\r\nH-2,tir,TA,2026-12-01,tomorrow\r\n",
            at: "hearings.csv:3:5", "'tomorrow' is not a date"),
        BadFolder(
            "byte-order mark", "locations.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("id,name,rooms\nTA,,x\n".utf8),
            at: "locations.csv:2:3", "rooms: 'x' is not a number"),
        BadFolder(
            "quote never closed", "hearings.csv", "\(hearingsHeader)\nH-1,tir,TA,2026-12-01,2026-12-22\nH-2,\"tir,TA,2026-12-01,2026-12-22\n",
            at: "hearings.csv:3:2", "is never closed"),
        BadFolder(
            "text after a closing quote", "locations.csv", "id,name,rooms\nTA,\"Ter\" Apel,12\n",
            at: "locations.csv:2:2", "text follows the closing quote"),
        BadFolder(
            "neither UTF-8 nor Windows-1252", "locations.csv", bytes: Array("id,name\nTA,Ter Apel\nZW,Zwolle ".utf8) + [0x81, 0x0A],
            at: "locations.csv:3", "neither UTF-8 nor Windows-1252 text (it has the byte 0x81"),
        BadFolder(
            "not UTF-8 after a UTF-8 mark", "locations.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\nZW,Zwolle ".utf8) + [0xE9, 0x0A],
            at: "locations.csv:2", "not UTF-8 text, though the file begins with the mark of UTF-8"),
        BadFolder(
            "UTF-16 without its mark", "locations.csv", bytes: [0x69, 0x00, 0x64, 0x00, 0x0A, 0x00],
            at: "locations.csv:1", "zero byte"),
        BadFolder(
            "a workbook named .csv", "locations.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00],
            at: "locations.csv", "this is a zip file, such as an .xlsx workbook"),
        BadFolder(
            "UTF-16", "locations.csv", bytes: [0xFF, 0xFE, 0x69, 0x00, 0x64, 0x00],
            at: "locations.csv", "saved as UTF-16"),
    ]

    @Test(arguments: cases)
    func eachProblemIsReportedAtItsCell(bad: BadFolder) throws {
        let checked = RosterCSV.read(files: bad.files).checked()
        #expect(checked.roster == nil)
        let error = try #require(checked.errors.first)
        #expect(checked.errors.count == 1, "\(checked.errors)")
        #expect(error.place == bad.place)
        #expect(error.message.contains(bad.fragment), "\(error.message)")
    }

    @Test func everyErrorOfAFolderIsReportedAtOnce() throws {
        let files = CSVFixtures.folder(replacing: [
            "horizon.csv": "key,value\nstart,2026-12-07\nend,2026-12-18\nslots,AM;PM\nslot,AM\n",
            "locations.csv": "id,name,rooms,capacity\nTA,Ter Apel,many,3\n",
            "hearings.csv": """
                id,language,location,earliest,latest,priority
                H-1,tir,TA,2026-12-01,2026-12-22,urgent
                H-2,tir,TA,2026-12-01,,
                H-3,tir,TA,2026-12-01,2026-12-22,high
                """,
            "interpreters.csv": "id,gender,languages,remote\nI-4,female,tir,sometimes\n",
            "officers.csv": nil,
            "availability.csv": "person,slot\nI-4,2026-12-07/AM\nO-2,2026-12-07/AM\nI-9,tomorrow\n",
            "policy.csv": "key,value\nchangePenalty,-1\n",
        ])
        let source = RosterCSV.read(files: files)
        let checked = source.checked()
        #expect(checked.roster == nil)
        #expect(checked.errors.map(\.place) == [
            "horizon.csv:5:1", "policy.csv:2:2", "locations.csv:1:4", "locations.csv:2:3", "hearings.csv:2:6",
            "hearings.csv:3:5", "interpreters.csv:2:4", "officers.csv", "availability.csv:4:2",
        ])
        #expect(checked.errors[0].message.contains("did you mean \"slots\"?"))
        #expect(checked.errors[5].message == "latest is required but empty")
        #expect(source.incompleteIDs == ["TA", "H-1", "H-2", "I-4"])
    }

    @Test func aPersonWithABadAvailabilityRowIsLeftOut() throws {
        let files = CSVFixtures.folder(replacing: [
            "availability.csv": "person,slot\nI-4,2026-12-07/AM\nO-2,2026-12-07/AM\nI-4,2026-12-08\n",
        ])
        let source = RosterCSV.read(files: files)
        #expect(source.roster?.interpreters == [])
        #expect(source.roster?.officers.map(\.id) == ["O-2"])
        #expect(source.incompleteIDs == ["I-4"])
        #expect(source.checked().errors.map(\.place) == ["availability.csv:4:2"])
    }

    @Test func aRowWithTooFewCellsReadsTheMissingOnesAsEmpty() throws {
        let files = CSVFixtures.folder(replacing: [
            "officers.csv": "id,gender,location,trainings,maxHearingsPerWeek\nO-2,female,TA\n",
        ])
        let checked = RosterCSV.read(files: files).checked()
        #expect(checked.errors == [])
        #expect(checked.roster?.officers == (try CSVFixtures.minimalRoster()).officers)
    }
}

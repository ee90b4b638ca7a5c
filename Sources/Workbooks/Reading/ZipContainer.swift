import Foundation
import ZIPFoundation

/// How much a workbook may unpack to. A zip file can hold a part that unpacks to thousands of
/// times its size (a "zip bomb"); these limits are checked against what the zip's directory
/// declares before anything is unpacked, and again while unpacking, so that a directory that lies
/// is caught by the bytes themselves.
public struct WorkbookLimits: Sendable, Equatable {
    /// Parts (files) in the zip; a roster has about twenty.
    public var maxEntries: Int
    /// Unpacked bytes of any one part read.
    public var maxPartBytes: Int
    /// Unpacked bytes of all parts read together.
    public var maxTotalBytes: Int
    /// Unpacked size over packed size, for parts above `ratioFloorBytes`. Sheets pack some 5 to 30
    /// times; a bomb packs a thousand times.
    public var maxRatio: Int
    public var ratioFloorBytes: Int

    public init(maxEntries: Int, maxPartBytes: Int, maxTotalBytes: Int, maxRatio: Int, ratioFloorBytes: Int) {
        self.maxEntries = maxEntries
        self.maxPartBytes = maxPartBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxRatio = maxRatio
        self.ratioFloorBytes = ratioFloorBytes
    }

    /// Room for a roster ten times the 10,000 hearings of the benchmark.
    public static let standard = WorkbookLimits(
        maxEntries: 10_000, maxPartBytes: 256 << 20, maxTotalBytes: 512 << 20, maxRatio: 100, ratioFloorBytes: 1 << 20)
}

/// Why a file cannot be read as a workbook, in a planner's words.
public struct WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case notAWorkbook = "not-a-workbook", tooLarge = "too-large", damaged
        }

        private let value: Value
        /// The bytes are not an .xlsx workbook (text, an old .xls, an .ods, ...).
        public static let notAWorkbook = Code(value: .notAWorkbook)
        /// It would unpack past a limit (`WorkbookLimits`): refused before it is unpacked.
        public static let tooLarge = Code(value: .tooLarge)
        /// A zip, but a part is missing or its XML cannot be read.
        public static let damaged = Code(value: .damaged)

        public var description: String { value.rawValue }
    }

    public var code: Code
    public var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// The parts of an .xlsx file (a zip of XML files), unpacked one at a time within the limits.
struct ZipContainer {
    private let archive: Archive
    /// Entries by lower-cased path: the Open Packaging Conventions compare part names without case.
    private let entries: [String: Entry]
    private let limits: WorkbookLimits
    private var unpackedBytes = 0

    init(_ bytes: [UInt8], limits: WorkbookLimits) throws(WorkbookError) {
        try Self.refuseOtherFormats(bytes)
        if let problem = ZipBounds.problem(in: bytes) {
            throw WorkbookError(.notAWorkbook, "the file begins as a zip file but cannot be read as one (\(problem)), so it is not an .xlsx workbook (it may be cut short)")
        }
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw WorkbookError(.notAWorkbook, "the file begins as a zip file but cannot be read as one, so it is not an .xlsx workbook (it may be cut short)")
        }
        var entries: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxEntries else {
                throw WorkbookError(.tooLarge, "the workbook holds more than \(limits.maxEntries) parts, far more than a roster needs; it was not unpacked")
            }
            entries[entry.path.lowercased()] = entry
        }
        self.archive = archive
        self.entries = entries
        self.limits = limits
        try checkDeclaredSizes()
    }

    func contains(_ path: String) -> Bool { entries[path.lowercased()] != nil }

    /// The unpacked bytes of a part, or nil when there is no such part.
    mutating func part(_ path: String) throws(WorkbookError) -> [UInt8]? {
        guard let entry = entries[path.lowercased()] else { return nil }
        let declared = Int(clamping: entry.uncompressedSize)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(declared, limits.maxPartBytes))
        let budget = min(limits.maxPartBytes, limits.maxTotalBytes - unpackedBytes)
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // A zip whose directory understates a part is caught here, before it is unpacked whole.
                guard bytes.count + chunk.count <= max(declared, 0), bytes.count + chunk.count <= budget else {
                    throw WorkbookError(.tooLarge, Self.tooLargeMessage(path: entry.path, limit: budget))
                }
                bytes.append(contentsOf: chunk)
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError(.damaged, "the part \(entry.path) of the workbook is damaged and cannot be unpacked; save the workbook again")
        }
        unpackedBytes += bytes.count
        return bytes
    }

    /// Every size the zip's directory declares, against the limits, before anything is unpacked.
    private func checkDeclaredSizes() throws(WorkbookError) {
        var total = 0
        for entry in entries.values.sorted(by: { $0.path < $1.path }) {
            let size = Int(clamping: entry.uncompressedSize)
            let packed = max(Int(clamping: entry.compressedSize), 1)
            total = total.addingReportingOverflow(size).overflow ? Int.max : total + size
            if size > limits.maxPartBytes {
                throw WorkbookError(.tooLarge, Self.tooLargeMessage(path: entry.path, limit: limits.maxPartBytes))
            }
            if size > limits.ratioFloorBytes, size / packed > limits.maxRatio {
                throw WorkbookError(.tooLarge, "the part \(entry.path) would unpack to \(size / packed) times its packed size (\(Self.megabytes(size))), as a zip bomb does, not a workbook; it was not unpacked")
            }
        }
        if total > limits.maxTotalBytes {
            throw WorkbookError(.tooLarge, "the workbook would unpack to \(Self.megabytes(total)), more than the \(Self.megabytes(limits.maxTotalBytes)) a roster may take; it was not unpacked")
        }
    }

    private static func tooLargeMessage(path: String, limit: Int) -> String {
        "the part \(path) unpacks to more than \(megabytes(limit)), more than a roster may take; it was not unpacked further"
    }

    private static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? "\(bytes >> 30) GiB" : "\(max(bytes >> 20, 1)) MiB"
    }

    /// Names what the bytes are when they are not a zip: text (a CSV file renamed), an old
    /// binary .xls or a password-protected workbook, nothing at all.
    private static func refuseOtherFormats(_ bytes: [UInt8]) throws(WorkbookError) {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return }
        if bytes.isEmpty {
            throw WorkbookError(.notAWorkbook, "the file is empty, not an .xlsx workbook")
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw WorkbookError(.notAWorkbook, "this is an old Excel 97-2003 workbook (.xls) or a workbook protected by a password, not an .xlsx workbook; save it as \"Excel Workbook (.xlsx)\" without a password")
        }
        let head = bytes.prefix(4096)
        if !head.contains(0) {
            let firstLine = head.prefix { $0 != 0x0A && $0 != 0x0D }
            let looksLikeCSV = firstLine.contains(UInt8(ascii: ",")) || firstLine.contains(UInt8(ascii: ";"))
            throw WorkbookError(.notAWorkbook, looksLikeCSV
                ? "this is text separated by commas or semicolons, a CSV file renamed to .xlsx, not a workbook; give the roster as a folder of CSV files, or open the file in a spreadsheet and save it as \"Excel Workbook (.xlsx)\""
                : "this is text, not an .xlsx workbook; save the roster from a spreadsheet as \"Excel Workbook (.xlsx)\"")
        }
        throw WorkbookError(.notAWorkbook, "this is not an .xlsx workbook (it is not a zip file); save the roster from a spreadsheet as \"Excel Workbook (.xlsx)\"")
    }
}

import PlannerModel

/// An .xlsx workbook opened for reading: its sheets by name, each read as a table of cells on
/// demand. Every part is unpacked within `WorkbookLimits`, and its XML read without document
/// types, so neither a zip bomb nor an entity trick gets further than a `WorkbookError`.
public struct SpreadsheetFile {
    public struct Sheet: Sendable, Equatable {
        public var name: String
        public var isHidden: Bool
    }

    private var container: ZipContainer
    private let parts: WorkbookParts

    /// The sheets in the order of their tabs.
    public var sheets: [Sheet] { parts.sheets.map { Sheet(name: $0.name, isHidden: $0.isHidden) } }

    public init(_ bytes: [UInt8], limits: WorkbookLimits = .standard) throws(WorkbookError) {
        var container = try ZipContainer(bytes, limits: limits)
        parts = try WorkbookParts.read(&container)
        self.container = container
    }

    /// The cells of the sheet named `name` (as written, case included).
    public mutating func table(named name: String) throws(WorkbookError) -> RosterTable {
        guard let entry = parts.sheets.first(where: { $0.name == name }) else {
            throw WorkbookError(.damaged, "the workbook has no sheet \(name)")
        }
        guard let path = entry.path, let bytes = try container.part(path) else {
            throw WorkbookError(.damaged, "the sheet \(name) has no part in the workbook (it may be a chart sheet); save the workbook again from a spreadsheet")
        }
        return try SheetReader(parts: parts).table(bytes, path: path)
    }
}

/// A roster as one .xlsx workbook: a sheet per table of the CSV folder (docs/formats-xlsx.md).
public enum RosterWorkbook {
    /// Whether `bytes` begin as a zip file does, as every .xlsx workbook does.
    public static func looksLikeWorkbook(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// Reads a roster workbook. Its sheets are decoded as the CSV folder's files are, with the
    /// same sentences, each problem placed at its cell (`hearings!F14`); other sheets are left
    /// alone unless named almost as a roster sheet. A file that is no workbook, or would unpack past
    /// `limits`, gives one error placed at `source` and nothing else.
    public static func read(_ bytes: [UInt8], source: String = "the workbook", limits: WorkbookLimits = .standard) -> RosterSource {
        do {
            var file = try SpreadsheetFile(bytes, limits: limits)
            var tables: [String: RosterTable] = [:]
            var others: [String] = []
            for sheet in file.sheets {
                guard let name = RosterSheets.rosterSheet(named: sheet.name), tables[name] == nil else {
                    others.append(sheet.name)
                    continue
                }
                tables[name] = try file.table(named: sheet.name)
            }
            return RosterSheets.read(tables: tables, others: others, source: source)
        } catch {
            return RosterSheets.unreadable(source: source, error.message)
        }
    }
}

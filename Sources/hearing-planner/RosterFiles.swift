import ArgumentParser
import Foundation
import PlannerModel
import Workbooks

/// Reads a roster from a JSON file, a CSV folder or an .xlsx workbook; the formats themselves are
/// pure code.
enum RosterFiles {
    static func read(_ path: String) throws -> RosterSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("There is no roster at \(path).")
        }
        if isDirectory.boolValue {
            return RosterCSV.read(files: try csvFiles(in: path))
        }
        let bytes = try bytes(of: path)
        // By name or by content: a workbook renamed to .json is still read as one, and a file named
        // .xlsx that is not one is refused by the workbook reader with what it is instead.
        if isWorkbookPath(path) || RosterWorkbook.looksLikeWorkbook(bytes) {
            return RosterWorkbook.read(bytes, source: (path as NSString).lastPathComponent)
        }
        return RosterJSON.read(bytes)
    }

    /// Whether a path names an Excel workbook by its extension.
    static func isWorkbookPath(_ path: String) -> Bool {
        ["xlsx", "xlsm"].contains((path as NSString).pathExtension.lowercased())
    }

    /// Every `.csv` file of a folder, by name; the reader itself says which it needs.
    static func csvFiles(in folder: String) throws -> [String: [UInt8]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        var files: [String: [UInt8]] = [:]
        for name in names where name.lowercased().hasSuffix(".csv") {
            files[name] = try bytes(of: (folder as NSString).appendingPathComponent(name))
        }
        return files
    }

    /// Writes a CSV folder: into a new temporary folder first, then swapped into place, so that a
    /// failure never leaves half a roster behind.
    static func writeFolder(_ files: [String: [UInt8]], to folder: String) throws {
        let manager = FileManager.default
        let parent = ((folder as NSString).standardizingPath as NSString).deletingLastPathComponent
        let staging = (parent.isEmpty ? "." : parent) + "/.\((folder as NSString).lastPathComponent).tmp-\(getpid())"
        try? manager.removeItem(atPath: staging)
        do {
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
            for (name, bytes) in files {
                try Data(bytes).write(to: URL(fileURLWithPath: staging + "/" + name))
            }
            if manager.fileExists(atPath: folder) {
                let old = staging + ".old"
                try manager.moveItem(atPath: folder, toPath: old)
                try manager.moveItem(atPath: staging, toPath: folder)
                try? manager.removeItem(atPath: old)
            } else {
                try manager.moveItem(atPath: staging, toPath: folder)
            }
        } catch {
            try? manager.removeItem(atPath: staging)
            throw InputError("Cannot write the folder \(folder): \(error.localizedDescription)")
        }
    }

    static func bytes(of path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("Cannot read \(path).")
        }
        return Array(data)
    }

    /// Writes a file atomically: a reader never sees half a file, and a failure leaves the old one.
    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError("Cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// A file that cannot be read or written: a plain message, without the usage text that
/// ArgumentParser prints for a `ValidationError`.
struct InputError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

/// Exit codes shared by the commands.
enum ExitCodes {
    /// The roster has errors.
    static let invalidRoster = ExitCode(2)
    /// Fixed hearings cannot be held as fixed.
    static let infeasible = ExitCode(3)
    /// The time limit passed before any plan was found.
    static let noPlanInTime = ExitCode(4)
}

/// Standard error, for messages that are not the command's output.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

func printError(_ text: String) {
    var stream = StandardError()
    print(text, to: &stream)
}

/// Prints every diagnostic to standard error: errors first, each kind in document order.
func report(_ diagnostics: [Diagnostic]) {
    let ordered = diagnostics.enumerated().sorted { a, b in
        let keyA = (a.element.isError ? 0 : 1, DocumentOrder(a.element.place))
        let keyB = (b.element.isError ? 0 : 1, DocumentOrder(b.element.place))
        return keyA < keyB || (keyA == keyB && a.offset < b.offset)
    }
    for (_, diagnostic) in ordered { printError(diagnostic.description) }
}

/// Orders places as they stand in the input: JSON by line and column, CSV by file, line and column.
struct DocumentOrder: Comparable {
    let file: String
    let numbers: [Int]

    init(_ place: String) {
        if let open = place.range(of: "(line ") {
            // "path (line L, column C)"
            file = ""
            numbers = place[open.upperBound...].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        } else if let bang = place.firstIndex(of: "!") {
            // "sheet!F14": by sheet, then row, then column.
            file = String(place[..<bang])
            let cell = place[place.index(after: bang)...]
            let letters = cell.prefix { $0.isLetter }
            let column = letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
            numbers = [Int(cell.dropFirst(letters.count)) ?? 0, column]
        } else {
            let parts = place.split(separator: ":")
            file = parts.first.map(String.init) ?? place
            numbers = parts.dropFirst().compactMap { Int($0) }
        }
    }

    static func < (lhs: DocumentOrder, rhs: DocumentOrder) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        return lhs.numbers.lexicographicallyPrecedes(rhs.numbers)
    }
}

import Foundation
import PlannerModel
import Workbooks
import ZIPFoundation

/// An uploaded roster file read and checked: JSON (roster@1), a workbook (.xlsx,
/// docs/formats-xlsx.md), or the CSV folder as one .zip.
/// Every problem is reported at its place (a JSON path, or `file:line:column`); nothing is
/// accepted with an error.
enum RosterUpload {
    enum Outcome: Sendable {
        /// Read and checked: the roster when it has no error, and every diagnostic.
        case checked(CheckedRoster)
        /// Not a file the console can read: the catalogue key of the sentence saying so.
        case unreadable(key: String, values: [String: String])
    }

    static func read(name: String, bytes: [UInt8], maxUnpackedBytes: Int) -> Outcome {
        let lower = name.lowercased()
        if lower.hasSuffix(".xlsx") || (RosterWorkbook.looksLikeWorkbook(bytes) && isWorkbook(bytes)) {
            return .checked(RosterWorkbook.read(bytes, source: Self.plainName(name)).checked())
        }
        if lower.hasSuffix(".zip") || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            switch unzip(bytes, maxUnpackedBytes: maxUnpackedBytes) {
            case .success(let files): return .checked(RosterCSV.read(files: files).checked())
            case .failure(let problem): return .unreadable(key: problem.key, values: problem.values)
            }
        }
        if lower.hasSuffix(".csv") { return .unreadable(key: "roster.error.singleCSV", values: [:]) }
        return .checked(RosterJSON.read(bytes).checked())
    }

    /// Whether a zip is a spreadsheet workbook rather than a folder of CSV files.
    static func isWorkbook(_ bytes: [UInt8]) -> Bool {
        // ZIPFoundation traps on a zip that points past its end: such a file is checked first.
        guard ZipBounds.problem(in: bytes) == nil, let archive = try? Archive(data: Data(bytes), accessMode: .read) else { return false }
        return archive["[Content_Types].xml"] != nil && archive["xl/workbook.xml"] != nil
    }

    /// The uploaded file's name as places show it: its last part, printable characters only.
    static func plainName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = String(last.filter { $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } }.prefix(80))
        return kept.isEmpty ? "the workbook" : kept
    }

    struct Problem: Error {
        var key: String
        var values: [String: String] = [:]
    }

    /// The `.csv` files of a zip, by file name. A folder around them (as a zipped folder has) is
    /// taken off; files in other folders, hidden files and the `__MACOSX` folder are left out.
    static func unzip(_ bytes: [UInt8], maxUnpackedBytes: Int) -> Result<[String: [UInt8]], Problem> {
        let archive: Archive
        do {
            guard ZipBounds.problem(in: bytes) == nil else { return .failure(Problem(key: "roster.error.zip")) }
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            return .failure(Problem(key: "roster.error.zip"))
        }
        var entries: [(path: String, entry: Entry)] = []
        for entry in archive where entry.type == .file {
            let path = entry.path
            let parts = path.split(separator: "/")
            guard let last = parts.last, !last.hasPrefix("."), !parts.contains("__MACOSX"), last.lowercased().hasSuffix(".csv") else { continue }
            entries.append((path, entry))
        }
        let folders = Set(entries.map { $0.path.split(separator: "/").dropLast().joined(separator: "/") })
        guard folders.count <= 1 else { return .failure(Problem(key: "roster.error.zipFolders")) }
        guard !entries.isEmpty else { return .failure(Problem(key: "roster.error.zipEmpty")) }
        var files: [String: [UInt8]] = [:]
        var total = 0
        for (path, entry) in entries {
            // The sizes in the archive can lie; the count below stops at the limit whatever they say.
            var data: [UInt8] = []
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    total += chunk.count
                    guard total <= maxUnpackedBytes else { throw Problem(key: "roster.error.zipTooLarge") }
                    data.append(contentsOf: chunk)
                }
            } catch let problem as Problem {
                return .failure(problem)
            } catch {
                return .failure(Problem(key: "roster.error.zip"))
            }
            files[String(path.split(separator: "/").last ?? "")] = data
        }
        return .success(files)
    }
}

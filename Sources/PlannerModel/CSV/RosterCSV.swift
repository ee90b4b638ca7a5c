/// Reading and writing a roster as a folder of CSV files (formats.md, "The same roster as CSV";
/// docs/formats-csv.md for planners).
///
/// Pure: files come in and go out as bytes by file name; the caller reads and writes the folder.
///
/// Places in diagnostics are `file:line:column`. `line` is the physical line of the file where
/// the record starts, the header being line 1, and counting the line breaks inside quoted cells;
/// `column` is the 1-based position of the cell in its record. A problem with a whole file (it is
/// missing, or a required key row is absent) is placed at the file name alone, and a line that is
/// not UTF-8 at `file:line`.
public enum RosterCSV {
    /// The files of a roster folder: those it must have, and those it may have.
    public static let fileNames: (required: [String], optional: [String]) = (
        required: RosterTableDecoder.requiredFiles, optional: [RosterLayout.policy.name]
    )

    /// Decodes a roster folder, given as the bytes of each file by its name (`hearings.csv`).
    ///
    /// Every problem is logged with its place and reading goes on; a row with an error is left
    /// out of the roster and its id kept in `incompleteIDs`. Any other `.csv` file is an error
    /// (a misspelt `policy.csv` must not pass silently); files of other kinds are ignored.
    /// The source's `locate` turns model paths such as `hearings[3].location` into the cell
    /// they came from.
    public static func read(files: [String: [UInt8]]) -> RosterSource {
        var input = TableInput(style: .csvFolder)
        let known = Set(fileNames.required + fileNames.optional)
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            if known.contains(name) {
                if let table = CSVText.table(bytes, file: name, log: &input.log) {
                    input.tables[name] = table
                } else {
                    input.unreadable.insert(name)
                }
            } else if name.lowercased().hasSuffix(".csv") {
                input.others.append(name)
            }
        }
        return RosterTableDecoder.source(of: input)
    }

    /// Encodes a roster as a folder: availability one row per slot, empty cells for defaults,
    /// and `policy.csv` only when the policy is not the default. Reading the files back gives
    /// an equal roster.
    ///
    /// - Throws: `WriteError` listing every value that a CSV cell cannot hold so that it reads
    ///   back the same (a list item with `;`, text with surrounding spaces, ...).
    public static func write(_ roster: Roster) throws -> [String: [UInt8]] {
        var encoder = RosterCSVEncoder()
        let tables = encoder.tables(for: roster)
        guard encoder.problems.isEmpty else { throw WriteError(diagnostics: encoder.problems) }
        var files: [String: [UInt8]] = [:]
        for (name, rows) in tables {
            guard let bytes = RosterCSVEncoder.bytes(of: rows) else {
                throw WriteError(diagnostics: [Diagnostic(.error, at: name, "the CSV library could not write this file")])
            }
            files[name] = bytes
        }
        return files
    }

    /// Why a roster cannot be written as CSV: each value that would read back differently, at
    /// its model path.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var diagnostics: [Diagnostic]

        public var description: String {
            "the roster cannot be written as CSV:\n" + diagnostics.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}

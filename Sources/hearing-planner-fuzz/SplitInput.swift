/// Turns one fuzz input into several named files: a line `=== NAME` starts the file NAME. Bytes
/// before the first such line belong to the first default name, so that any input is a folder.
enum SplitInput {
    static func files(from bytes: [UInt8], first: String) -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = [(first, [])]
        var lineStart = 0
        var index = 0
        let marker: [UInt8] = Array("=== ".utf8)
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                let line = bytes[lineStart..<index]
                if line.starts(with: marker) {
                    files.append((String(decoding: line.dropFirst(marker.count), as: UTF8.self), []))
                } else {
                    files[files.count - 1].bytes += line
                    if index < bytes.count { files[files.count - 1].bytes.append(UInt8(ascii: "\n")) }
                }
                lineStart = index + 1
            }
            index += 1
        }
        // An input that starts with a name has no unnamed first file.
        if files.count > 1 && files[0].bytes.isEmpty { files.removeFirst() }
        return files
    }
}

/// A CSV roster folder from one input.
enum CSVFolderInput {
    static func files(from bytes: [UInt8]) -> [String: [UInt8]] {
        var folder: [String: [UInt8]] = [:]
        for file in SplitInput.files(from: bytes, first: "horizon.csv") { folder[file.name, default: []] += file.bytes }
        return folder
    }
}

/// A workbook's parts from one input; the parts keep their order, names may repeat.
enum WorkbookPartsInput {
    static func parts(from bytes: [UInt8]) -> [(name: String, bytes: [UInt8])] {
        SplitInput.files(from: bytes, first: "[Content_Types].xml")
    }
}

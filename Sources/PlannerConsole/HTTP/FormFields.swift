import Foundation
import MultipartKit
import NIOCore

/// The fields of a submitted form, by name; a name may repeat (checkboxes).
struct FormFields: Sendable, Equatable {
    private(set) var values: [String: [String]] = [:]
    /// Uploaded files, by field name: the file's name as the browser gave it, and its bytes.
    private(set) var files: [String: (name: String, bytes: [UInt8])] = [:]

    static func == (a: FormFields, b: FormFields) -> Bool { a.values == b.values && a.files.keys == b.files.keys }

    init(values: [String: [String]] = [:]) { self.values = values }

    subscript(_ name: String) -> String? { values[name]?.first }

    /// The field's text, trimmed, or nil when it is absent or blank.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    func file(_ name: String) -> (name: String, bytes: [UInt8])? { files[name] }

    mutating func add(_ name: String, _ value: String) { values[name, default: []].append(value) }

    /// `application/x-www-form-urlencoded` (also a query string): `+` is a space, `%XX` a byte.
    static func urlEncoded(_ text: String) -> FormFields {
        var fields = FormFields()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if !name.isEmpty { fields.add(name, value) }
        }
        return fields
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// `multipart/form-data` with `boundary`; a part with a `filename` is a file, the others are fields.
    static func multipart(_ bytes: ByteBuffer, boundary: String) throws -> FormFields {
        var fields = FormFields()
        let parser = MultipartParser(boundary: boundary)
        var headers: [String: String] = [:]
        var body = ByteBuffer()
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            let disposition = headers["content-disposition"].map(Self.dispositionParameters) ?? [:]
            if let name = disposition["name"] {
                let content = body.readBytes(length: body.readableBytes) ?? []
                if let file = disposition["filename"] {
                    if !file.isEmpty || !content.isEmpty { fields.files[name] = (file, content) }
                } else {
                    fields.add(name, String(decoding: content, as: UTF8.self))
                }
            }
            headers = [:]
            body = ByteBuffer()
        }
        try parser.execute(bytes)
        return fields
    }

    /// `form-data; name="roster"; filename="week.zip"` → ["name": "roster", "filename": "week.zip"].
    static func dispositionParameters(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            result[key] = value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return result
    }

    /// The `boundary` parameter of a `multipart/form-data` content type.
    static func boundary(of contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }
}

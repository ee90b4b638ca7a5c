import Foundation

/// Every word the tool shows people in one language, read from `Embedded/catalogues/<language>.json`
/// and `Embedded/catalogues/<part>/<language>.json` (flat objects of dotted keys), which are built
/// into the binary. Dutch and English hold the same
/// keys; a test keeps them so.
///
/// A text may name values in braces, `{count}`, which `text(_:_:)` fills in. Counted texts have a
/// `.one` and an `.other` form, chosen by `text(_:count:_:)`.
public struct Catalogue: Sendable {
    public let language: Language
    /// The texts by key.
    public let texts: [String: String]

    /// The catalogue of `language`, read once.
    public static func of(_ language: Language) -> Catalogue {
        switch language {
        case .nl: dutch
        case .en: english
        }
    }

    private static let dutch = Catalogue(language: .nl)
    private static let english = Catalogue(language: .en)

    private init(language: Language) {
        self.language = language
        let (texts, problems) = Self.merged(language, from: EmbeddedFiles.files)
        // A catalogue that does not parse, or a key in two files, is caught by the tests before it ships.
        precondition(problems.isEmpty, "The embedded catalogues of \(language.rawValue) are broken: \(problems.joined(separator: "; "))")
        self.texts = texts
    }

    /// The texts of `language` from every catalogue file for it: `catalogues/<language>.json` and
    /// `catalogues/<part>/<language>.json` (the console's words, the report's), each a flat JSON
    /// object of strings; and what is wrong with them (a file that does not parse, a key in two files).
    static func merged(_ language: Language, from files: [String: String]) -> (texts: [String: String], problems: [String]) {
        var texts: [String: String] = [:]
        var problems: [String] = []
        let name = "\(language.rawValue).json"
        for path in files.keys.sorted() where path.hasPrefix("catalogues/") && (path.hasSuffix("/" + name)) {
            guard let json = files[path], let part = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) else {
                problems.append("\(path) is not a flat JSON object of strings")
                continue
            }
            for (key, text) in part {
                if texts[key] != nil { problems.append("\(key) is in two files (\(path))") }
                texts[key] = text
            }
        }
        if texts.isEmpty { problems.append("no catalogue file for \(language.rawValue)") }
        return (texts, problems)
    }

    /// The text of `key` with `{name}` placeholders filled in from `values`. A key the catalogue
    /// lacks comes back as the key itself, so that a missing text shows rather than vanishes.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        guard let template = texts[key] else { return key }
        return Self.fill(template, values)
    }

    /// The `.one` or `.other` form of `key` for `count`, with `{count}` and `values` filled in.
    public func text(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
        var values = values
        values["count"] = String(count)
        return text(key + (count == 1 ? ".one" : ".other"), values)
    }

    /// Whether the catalogue has `key`.
    public func has(_ key: String) -> Bool { texts[key] != nil }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

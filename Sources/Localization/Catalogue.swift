import Foundation

/// Every word the tool shows people in one language, read from `Embedded/catalogues/<language>.json`
/// (a flat object of dotted keys), which is built into the binary. Dutch and English hold the same
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
        let name = "catalogues/\(language.rawValue).json"
        guard let json = EmbeddedFiles.files[name],
              let texts = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        else {
            // A catalogue that does not parse is caught by the tests before it ships.
            preconditionFailure("The embedded catalogue \(name) is missing or not a flat JSON object of strings.")
        }
        self.texts = texts
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

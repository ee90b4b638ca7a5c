import Localization
import Mustache

/// The console's templates, parsed once from the files built into the binary
/// (`Embedded/templates/*.mustache`), each known by its file name without the extension.
struct Renderer: Sendable {
    let library: MustacheLibrary

    /// Parses every embedded template; a template that does not parse stops the start, and the
    /// tests catch it before it ships.
    init() throws {
        MustacheContentTypes.register(FastHTML(), named: FastHTML.name)
        var templates: [String: MustacheTemplate] = [:]
        for (path, text) in EmbeddedFiles.files where path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch {
                throw ConsoleSetupError("The console template \(path) does not parse: \(error)")
            }
        }
        library = MustacheLibrary(templates: templates)
    }

    /// `template` rendered with `page` under `words` (the catalogue as `t`) and the page's frame.
    func render(_ template: String, page: [String: Any], frame: [String: Any], catalogue: Catalogue) -> String {
        var root = page
        root["t"] = Words(catalogue: catalogue, key: "")
        root["frame"] = frame
        return library.render(root, withTemplate: template) ?? ""
    }
}

/// A catalogue as templates read it: `{{t.schedule.title}}` is the text of `schedule.title`.
/// Each name after `t` adds a part of the key; the text is looked up when it is shown.
struct Words: MustacheParent, MustacheCustomRenderable {
    let catalogue: Catalogue
    let key: String

    func child(named name: String) -> Any? {
        Words(catalogue: catalogue, key: key.isEmpty ? name : key + "." + name)
    }

    var renderText: String { catalogue.text(key) }
    var isNull: Bool { false }
}

/// The console cannot start: a template or an asset is broken.
public struct ConsoleSetupError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// HTML escaping for the templates (`{{% CONTENT_TYPE: FAST_HTML }}` in the layout): the same five
/// characters as the library's HTML type, but read as UTF-8 bytes, and a text with none of them
/// (nearly every value) is returned as it is. The schedule of a national week shows a few thousand
/// values; escaping them character by character took a third of the page's time.
struct FastHTML: MustacheContentType {
    static let name = "FAST_HTML"

    func escapeText(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: Self.isSpecial) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case UInt8(ascii: "'"): out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}

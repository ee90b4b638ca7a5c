/// The languages the tool speaks to people: Dutch first, English too.
public enum Language: String, Sendable, CaseIterable, Codable {
    case nl, en

    /// Dutch: the language of the planners this tool serves.
    public static let `default` = Language.nl

    /// The language a tag such as `nl`, `nl-NL` or `en-GB` names, or nil for any other.
    public init?(tag: some StringProtocol) {
        let primary = tag.split(separator: "-", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        self.init(rawValue: primary)
    }

    /// The best of our languages for an `Accept-Language` header (RFC 9110 §12.5.4): the one with
    /// the highest weight, the earlier on a tie; `default` when the header names neither.
    public static func preferred(acceptLanguage header: String?) -> Language {
        guard let header else { return .default }
        var best: (language: Language, weight: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: " \t") }
            guard let tag = parts.first, let language = Language(tag: tag) else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            if weight > 0, weight > (best?.weight ?? 0) { best = (language, weight) }
        }
        return best?.language ?? .default
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}

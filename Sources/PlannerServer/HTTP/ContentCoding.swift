import Foundation

/// Which content coding a client accepts, from its `Accept-Encoding` (RFC 9110, section 12.5.3).
/// The service only ever sends gzip or the identity; the identity is always acceptable to it, so
/// a header it cannot read means the identity.
public enum ContentCoding {
    /// Whether the header allows gzip: `gzip` (or `x-gzip`) with a q-value above 0, or `*` above 0
    /// while gzip is not named. No header means no: a client that did not ask may not decompress.
    public static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var gzip: Double?
        var any: Double?
        for element in header.split(separator: ",") {
            let parts = element.split(separator: ";")
            guard let first = parts.first else { continue }
            let coding = first.trimmingCharacters(in: .whitespaces).lowercased()
            let weight = Self.weight(parts.dropFirst())
            switch coding {
            case "gzip", "x-gzip": gzip = weight
            case "*": any = weight
            default: continue
            }
        }
        return (gzip ?? any ?? 0) > 0
    }

    /// The element's q-value: 1 when absent, 0 when it cannot be read (so it counts as a refusal).
    private static func weight(_ parameters: ArraySlice<Substring>) -> Double {
        for parameter in parameters {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "q" else { continue }
            guard let value = Double(pair[1].trimmingCharacters(in: .whitespaces)), (0...1).contains(value) else { return 0 }
            return value
        }
        return 1
    }
}

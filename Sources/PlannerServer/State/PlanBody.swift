import CompressNIO
import NIOCore

/// A plan version's bytes as the API sends them: compact plan@1 JSON, and the same bytes
/// gzip-compressed. Both are made once per version, when the version is published, so that
/// serving the current plan to many readers costs no encoding and no compression per request.
///
/// The stored documents are pretty-printed for people; the served ones drop the whitespace
/// between tokens (a 2,500-hearing plan: 3.6 MB pretty, 2.0 MB compact, 0.33 MB gzip).
/// Every answer for a version is the same bytes, whichever route serves it.
struct PlanBody: Sendable {
    let identity: ByteBuffer
    /// nil only if zlib failed (out of memory): the identity is then sent to everyone.
    let gzip: ByteBuffer?

    /// zlib's fastest level: the 2,500-hearing plan's 2.0 MB become 0.33 MB (compacting and
    /// compressing took about 25 ms).
    /// Level 6 made 0.21 MB but took about 70 ms, and this time is spent on the path that makes a
    /// new version current (its target is 1.5 s); readers met their target with either.
    static let gzipLevel: Int32 = 1

    /// Compacts and compresses a stored plan@1 document. Takes tens of milliseconds for a large
    /// plan: call it off the event loop, on the path that publishes a version.
    init(document: String) {
        let identity = Self.identity(document)
        var input = identity
        self.gzip = try? input.compress(with: .gzip(configuration: ZlibConfiguration(compressionLevel: Self.gzipLevel)))
        self.identity = identity
    }

    /// The served bytes of a stored document, not compressed: for versions that are not current.
    static func identity(_ document: String) -> ByteBuffer {
        ByteBuffer(bytes: compact(document))
    }

    /// The JSON text without whitespace outside strings; strings are kept byte for byte. The
    /// input is JSON this service wrote, so no other check is needed.
    static func compact(_ json: String) -> [UInt8] {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var output: [UInt8] = []
        output.reserveCapacity(json.utf8.count)
        var isInString = false
        var isEscaped = false
        for byte in json.utf8 {
            if isInString {
                if isEscaped {
                    isEscaped = false
                } else if byte == backslash {
                    isEscaped = true
                } else if byte == quote {
                    isInString = false
                }
                output.append(byte)
            } else {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                    continue
                case quote:
                    isInString = true
                    output.append(byte)
                default:
                    output.append(byte)
                }
            }
        }
        return output
    }
}

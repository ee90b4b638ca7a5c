import Crypto

/// The style sheet and the script, served from the binary.
struct Assets: Sendable {
    struct Asset: Sendable {
        let bytes: [UInt8]
        let contentType: String
        /// A strong entity tag from the content, so a browser can check its copy cheaply.
        let tag: String
    }

    let files: [String: Asset]

    init() {
        var files: [String: Asset] = [:]
        for (path, text) in EmbeddedFiles.files where path.hasPrefix("assets/") {
            let name = String(path.dropFirst("assets/".count))
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8"
                : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "text/plain; charset=utf-8"
            let bytes = Array(text.utf8)
            let digest = SHA256.hash(data: bytes).prefix(12).map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
            files[name] = Asset(bytes: bytes, contentType: type, tag: "\"\(digest)\"")
        }
        self.files = files
    }
}

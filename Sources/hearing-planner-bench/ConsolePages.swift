import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The console's pages on the served week: signs in through the form as a browser does, then asks
/// for a page again and again, one request at a time, and keeps the server's own time of each
/// (its `Server-Timing` header) and the time the client waited.
struct ConsolePages {
    let port: Int
    let token: String

    /// The times of one page.
    struct Times: Codable, Sendable {
        var path: String
        var requests: Int
        /// The server's time (Server-Timing), milliseconds.
        var medianMilliseconds: Double?
        var p99Milliseconds: Double?
        /// The client's time, loopback included, milliseconds.
        var medianClientMilliseconds: Double?
        var bytes: Int?

        init(path: String, server: [Double], client: [Double], bytes: Int?) {
            self.path = path
            requests = server.count
            let sorted = server.sorted()
            medianMilliseconds = Median.of(sorted)
            p99Milliseconds = sorted.isEmpty ? nil : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
            medianClientMilliseconds = Median.of(client.sorted())
            self.bytes = bytes
        }
    }

    func measure(paths: [String], requests: Int) async throws -> [Times] {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        // Redirects are not followed, so the sign-in's cookie can be read from its 303.
        let session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
        let cookie = try await signIn(session)
        var all: [Times] = []
        for path in paths {
            var server: [Double] = [], client: [Double] = []
            var bytes: Int?
            for _ in 0..<requests {
                let started = ContinuousClock.now
                var request = URLRequest(url: try url(path))
                request.httpShouldHandleCookies = false
                request.setValue(cookie, forHTTPHeaderField: "Cookie")
                let (data, response) = try await session.data(for: request)
                let waited = (ContinuousClock.now - started).seconds * 1000
                guard let http = response as? HTTPURLResponse, http.statusCode == 200,
                      let timing = http.value(forHTTPHeaderField: "Server-Timing"),
                      let duration = Self.duration("page", in: timing)
                else { throw BenchFailure("GET \(path) did not answer a console page") }
                server.append(duration)
                client.append(waited)
                bytes = data.count
            }
            all.append(Times(path: path, server: server, client: client, bytes: bytes))
        }
        return all
    }

    /// The sign-in form's round: its check value and cookie, then the token; the session's cookie.
    private func signIn(_ session: URLSession) async throws -> String {
        var ask = URLRequest(url: try url("/sign-in"))
        ask.httpShouldHandleCookies = false
        let (form, formResponse) = try await session.data(for: ask)
        let page = String(decoding: form, as: UTF8.self)
        guard let range = page.range(of: "name=\"check\" value=\""), let end = page[range.upperBound...].firstIndex(of: "\""),
              let check = Self.cookie("hp_signin", in: formResponse)
        else { throw BenchFailure("the sign-in page has no form") }
        var request = URLRequest(url: try url("/sign-in"))
        request.httpMethod = "POST"
        request.httpShouldHandleCookies = false
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue(check, forHTTPHeaderField: "Cookie")
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.~"))
        let body = "check=\(page[range.upperBound..<end])&token=\(token.addingPercentEncoding(withAllowedCharacters: allowed) ?? token)&next=%2F"
        request.httpBody = Data(body.utf8)
        let (_, response) = try await session.data(for: request)
        guard let cookie = Self.cookie("hp_session", in: response) else { throw BenchFailure("signing in to the console failed") }
        return cookie
    }

    /// The `dur` of metric `name` in a `Server-Timing` header ("render;dur=1.20, page;dur=3.40").
    static func duration(_ name: String, in header: String) -> Double? {
        for metric in header.split(separator: ",") {
            let parts = metric.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.first == name, let dur = parts.first(where: { $0.hasPrefix("dur=") }) else { continue }
            return Double(dur.dropFirst(4))
        }
        return nil
    }

    /// `name=value` of the cookie `name` that `response` sets.
    static func cookie(_ name: String, in response: URLResponse) -> String? {
        guard let header = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Set-Cookie") else { return nil }
        guard let start = header.range(of: name + "=") else { return nil }
        let value = header[start.lowerBound...].prefix { $0 != ";" && $0 != "," }
        return value.count > name.count + 1 ? String(value) : nil
    }

    private func url(_ path: String) throws -> URL {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw BenchFailure("bad path \(path)") }
        return url
    }
}

/// Stops a session from following redirects.
final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

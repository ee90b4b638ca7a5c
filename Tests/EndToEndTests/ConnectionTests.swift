import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Slow and many clients against the real daemon: others keep being served, and a client that
/// trickles its headers is cut off (docs/reliability.md, "Hostile input").
@Suite("Slow and many connections", .serialized)
struct ConnectionTests {
    /// A TCP connection to 127.0.0.1:port, or nil.
    static func connect(_ port: Int) -> Int32? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            return nil
        }
        return socket
    }

    static func send(_ socket: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Whether the server closed the connection (a read returns 0 or fails, after whatever it
    /// answered first), waiting up to `seconds`.
    static func isClosed(_ socket: Int32, within seconds: Int) -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            var poll = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&poll, 1, 100) > 0 else { continue }
            if recv(socket, &buffer, buffer.count, Int32(MSG_DONTWAIT)) <= 0 { return true }
        }
        return false
    }

    /// A plain GET on a new connection; the time to the answer's first line.
    static func timedGet(_ port: Int, _ path: String, token: String) -> (status: Int, seconds: Double)? {
        guard let socket = connect(port) else { return nil }
        defer { close(socket) }
        let started = ContinuousClock.now
        guard send(socket, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n") else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count > 12 else { return nil }
        let line = String(decoding: buffer[0..<count], as: UTF8.self)
        let status = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        let elapsed = ContinuousClock.now - started
        return (status, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    @Test("Clients trickling their headers do not hold up others, and are cut off after the head timeout")
    func slowClients() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let server = try await ServeProcess(binary: binary, folder: folder, token: token)
            let slow = (0..<200).compactMap { _ in Self.connect(server.port) }
            #expect(slow.count == 200)
            defer { slow.forEach { close($0) } }
            // Each sends a byte of a header value every half second: a head that never ends.
            var worst = 0.0
            for round in 0..<24 {
                for socket in slow { _ = Self.send(socket, round == 0 ? "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " : "a") }
                let answer = Self.timedGet(server.port, "/readyz", token: token)
                #expect(answer != nil, "a normal client got no answer while 200 clients trickled their headers")
                worst = max(worst, answer?.seconds ?? 99)
                try await Task.sleep(for: .milliseconds(500))
            }
            // A service held up by the trickling clients would answer after their cut-off (10 s) or
            // not at all; 5 s leaves room for a machine loaded by other tests.
            #expect(worst < 5.0, "a normal request took \(worst) s while 200 clients trickled their headers")
            let closed = slow.filter { Self.isClosed($0, within: 3) }.count
            #expect(closed == slow.count, "\(slow.count - closed) trickling clients still connected after 12 s")
            #expect(server.stop() == 0)
            print("slow clients: 200 trickling connections, normal requests answered in at most \(String(format: "%.3f", worst)) s; all 200 cut off by the head timeout")
        }
    }

    @Test("Two thousand idle connections do not keep others out")
    func manyConnections() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let server = try await ServeProcess(binary: binary, folder: folder, token: token)
            var limit = rlimit()
            getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            let wanted = min(2_000, Int(limit.rlim_cur) - 100)
            let idle = (0..<wanted).compactMap { _ in Self.connect(server.port) }
            defer { idle.forEach { close($0) } }
            #expect(idle.count == wanted)
            let answer = Self.timedGet(server.port, "/readyz", token: token)
            #expect(answer != nil, "a new client got no answer beside \(idle.count) idle connections")
            // Held up, it would not answer within the 10 s the client waits; 5 s allows a loaded machine.
            #expect((answer?.seconds ?? 99) < 5)
            #expect(server.stop() == 0)
            print("many connections: \(idle.count) idle connections open, a new request answered in \(String(format: "%.3f", answer?.seconds ?? -1)) s")
        }
    }
}

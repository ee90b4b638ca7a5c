/// How the console keeps its sessions and what it accepts.
public struct ConsoleSettings: Sendable {
    /// Mark cookies `Secure`: set it when the console is reached over HTTPS (behind a TLS proxy),
    /// so that the browser never sends the session over plain HTTP.
    public var secureCookies: Bool
    /// A session unused this long ends.
    public var idleTimeout: Duration
    /// A session ends this long after sign-in, however busy.
    public var maxSessionAge: Duration
    /// Sessions kept at once; the least recently used goes first beyond it.
    public var maxSessions: Int
    /// The largest upload (a roster) accepted, in bytes.
    public var maxUploadBytes: Int
    /// The most bytes a roster .zip may unpack to.
    public var maxUnpackedBytes: Int
    /// Failed sign-ins accepted from one address within `signInWindow` before sign-ins from it are refused.
    public var signInFailures: Int
    public var signInWindow: Duration

    public init(
        secureCookies: Bool = false, idleTimeout: Duration = .seconds(30 * 60), maxSessionAge: Duration = .seconds(12 * 3600),
        maxSessions: Int = 1000, maxUploadBytes: Int = 16 << 20, maxUnpackedBytes: Int = 64 << 20,
        signInFailures: Int = 5, signInWindow: Duration = .seconds(60)
    ) {
        self.secureCookies = secureCookies
        self.idleTimeout = idleTimeout
        self.maxSessionAge = maxSessionAge
        self.maxSessions = maxSessions
        self.maxUploadBytes = maxUploadBytes
        self.maxUnpackedBytes = maxUnpackedBytes
        self.signInFailures = signInFailures
        self.signInWindow = signInWindow
    }
}

import Foundation
import Hummingbird
import Localization

/// One request as the console sees it: the reader's language and, when signed in, the session.
struct Visit {
    let language: Language
    let catalogue: Catalogue
    let session: Session?
    /// The path and query asked for, to come back to after switching language.
    let target: String
    /// The message left for this page by the one before, shown once.
    var notice: Notice?

    var holder: ConsoleHolder? { session?.holder }
    var mayChange: Bool { session?.holder.mayChange ?? false }

    func text(_ key: String, _ values: [String: String] = [:]) -> String { catalogue.text(key, values) }
}

/// The console's cookies.
enum CookieName {
    static let session = "hp_session"
    /// Set by the sign-in page and echoed by its form (a double-submit token: the form cannot be
    /// posted from another site, which could not read the cookie).
    static let signIn = "hp_signin"
    /// The chosen language, remembered for a year.
    static let language = "hp_lang"
}

extension ConsoleCore {
    /// The language and the live session of `request`. A session whose token the token file no
    /// longer holds is closed here, so that deleting a token's line ends its sessions.
    func visit(_ request: Request) -> Visit {
        let language = request.cookies[CookieName.language].flatMap { Language(rawValue: $0.value) }
            ?? Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
        var session: Session?
        if let id = request.cookies[CookieName.session]?.value, var found = sessions.use(id, at: now()) {
            if let holder = backend.holder(ofToken: found.token) {
                if holder != found.holder {
                    sessions.update(id) { $0.holder = holder }
                    found.holder = holder
                }
                session = found
            } else {
                sessions.close(id)
                backend.audit(holder: found.holder.name, action: "console session", outcome: "ended: the token is no longer in the token file")
            }
        }
        let notice = session.flatMap { sessions.takeNotice($0.id) }
        var target = request.uri.path
        if let query = request.uri.query, !query.isEmpty { target += "?" + query }
        return Visit(
            language: language, catalogue: Catalogue.of(language), session: session, target: target, notice: notice)
    }

    func cookie(_ name: String, _ value: String, maxAge: Int?, sameSite: Cookie.SameSite = .strict) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: settings.secureCookies, httpOnly: true,
            sameSite: sameSite)
    }

    /// A cookie that the browser drops at once.
    func expired(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: settings.secureCookies, httpOnly: true, sameSite: .strict)
    }
}

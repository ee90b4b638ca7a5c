import Foundation
import HTTPTypes
import Hummingbird
import Localization

extension ConsoleCore {
    /// The sign-in form. It sets a fresh double-submit cookie that its form echoes.
    func signInPage(_ request: Request, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let visit = visit(request)
        if visit.session != nil, error == nil { return ConsoleAnswer.redirect("/") }
        let check = Secret.make()
        var headers = HTTPFields()
        headers[values: .setCookie].append(cookie(CookieName.signIn, check, maxAge: 3600).description)
        let next = ConsoleAnswer.localPath(request.uri.queryParameters.get("next"))
        var page: [String: Any] = ["check": check, "next": next]
        if let error { page["error"] = visit.text(error) }
        if error == nil, request.uri.queryParameters.get("signedOut") == "1" { page["signedOut"] = true }
        return render("sign-in", title: visit.text("signIn.title"), page: page, visit: visit, section: nil, status: status, headers: headers)
    }

    /// Checks the token against the token file: a session on success; on failure the form again,
    /// the refusal audited (throttled as the API's 401s are) and counted against the address.
    func signIn(_ request: Request, address: String?) async throws -> Response {
        let form = try await fields(of: request)
        let time = now()
        let client = address ?? "unknown"
        let action = "console POST /sign-in"
        guard let check = form["check"], let cookie = request.cookies[CookieName.signIn]?.value, Secret.matches(check, cookie) else {
            backend.auditRefusal(action: action, outcome: "403 sign-in form check missing or wrong")
            return signInPage(request, error: "signIn.expired", status: .forbidden)
        }
        let allowed = throttle.withLock { $0.allows(client, at: time) }
        guard allowed else {
            backend.auditRefusal(action: action, outcome: "429 too many failed sign-ins")
            let wait = throttle.withLock { $0.retryAfter(client, at: time) } ?? settings.signInWindow.seconds
            var response = signInPage(request, error: "signIn.throttled", status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        guard let token = form.text("token"), let holder = backend.holder(ofToken: token) else {
            throttle.withLock { $0.failed(client, at: time) }
            backend.auditRefusal(action: action, outcome: "401 unknown token")
            return signInPage(request, error: "signIn.unknown", status: .unauthorized)
        }
        let session = sessions.open(token: token, holder: holder, at: time)
        backend.audit(holder: holder.name, action: action, outcome: "signed in (\(holder.role))")
        var headers = HTTPFields()
        // A browser-session cookie: it goes when the browser closes; the server ends it sooner when idle.
        headers[values: .setCookie].append(self.cookie(CookieName.session, session.id, maxAge: nil).description)
        headers[values: .setCookie].append(expired(CookieName.signIn).description)
        return ConsoleAnswer.redirect(ConsoleAnswer.localPath(form["next"]), headers: headers)
    }

    /// Ends the session, from a form with the session's token (a link could be followed from elsewhere).
    func signOut(_ request: Request) async throws -> Response {
        let visit = visit(request)
        var headers = HTTPFields()
        headers[values: .setCookie].append(expired(CookieName.session).description)
        guard let session = visit.session else { return ConsoleAnswer.redirect("/sign-in", headers: headers) }
        let form = try await fields(of: request)
        guard let sent = form["formToken"], Secret.matches(sent, session.formToken) else {
            backend.audit(holder: session.holder.name, action: "console POST /sign-out", outcome: "403 form token missing or wrong")
            throw ConsoleError(status: .forbidden, key: "error.formToken")
        }
        sessions.close(session.id)
        backend.audit(holder: session.holder.name, action: "console POST /sign-out", outcome: "signed out")
        return ConsoleAnswer.redirect("/sign-in?signedOut=1", headers: headers)
    }

    /// Remembers the language for a year and goes back to the page the switch was on.
    func switchLanguage(_ request: Request, to code: String?) -> Response {
        let back = ConsoleAnswer.localPath(request.uri.queryParameters.get("back"))
        guard let code, let language = Language(rawValue: code) else { return ConsoleAnswer.redirect(back) }
        var headers = HTTPFields()
        headers[values: .setCookie].append(cookie(CookieName.language, language.rawValue, maxAge: 365 * 24 * 3600, sameSite: .lax).description)
        var response = ConsoleAnswer.redirect(back, headers: headers)
        ConsoleAnswer.secure(&response.headers)
        return response
    }

    func asset(_ request: Request, name: String) -> Response {
        guard let asset = assets.files[name] else {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "not found")))
        }
        var headers = HTTPFields()
        headers[.eTag] = asset.tag
        headers[.cacheControl] = "no-cache"
        headers[.xContentTypeOptions] = "nosniff"
        if request.headers[.ifNoneMatch] == asset.tag {
            return Response(status: .notModified, headers: headers, body: ResponseBody())
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}

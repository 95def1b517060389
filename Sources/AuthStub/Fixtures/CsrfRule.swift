import StubHTTP

/// A service's CSRF check (Django's, Laravel Sanctum's): a request with an unsafe method to a
/// route that needs a token must carry `header` equal to the `cookie`, with a value the server
/// made (`{{csrfToken}}`, from a login or an endpoint with `issuesCsrf`). Fixture key `csrf`.
public struct CsrfRule: Sendable, Equatable {
    /// The cookie that holds the value, e.g. `csrftoken`.
    public var cookie: String
    /// The header that must repeat it, e.g. `X-CSRFToken`.
    public var header: String
}

extension CsrfRule {
    /// Methods that change nothing (RFC 9110 §9.2.1), which the check lets through.
    static let safeMethods: Set<HTTPMethod> = [.get, .head, "OPTIONS", "TRACE"]

    /// Why `values` of a request with `method` fail the check, or nil when they pass (or the
    /// method is safe); `isKnown` tells whether the server made a value.
    func refusal(method: HTTPMethod, values: RequestValues?, isKnown: (String) -> Bool) -> Refusal? {
        guard !Self.safeMethods.contains(method) else { return nil }
        let cookieValue = values?.text(ValueSelector(.cookie, cookie))
        let headerValue = values?.text(ValueSelector(.header, header))
        guard let cookieValue, !cookieValue.isEmpty, let headerValue, !headerValue.isEmpty else {
            let missing = cookieValue?.isEmpty == false ? "the \(header) header" : "the \(cookie) cookie"
            return Refusal(.badCsrf, "CSRF check failed: \(missing) is missing", reason: "CSRF: no \(missing)", cause: .missing)
        }
        guard headerValue == cookieValue, isKnown(cookieValue) else {
            let why = headerValue == cookieValue ? "a value the server did not make" : "the \(header) header differs from the \(cookie) cookie"
            return Refusal(.badCsrf, "CSRF check failed: the token is not valid", reason: "CSRF: \(why)", cause: .wrong)
        }
        return nil
    }
}

extension FixtureReader {
    /// `"csrf": {"cookie": "csrftoken", "header": "X-CSRFToken"}`.
    mutating func csrfRule(_ value: JSONValue?, at path: String) -> CsrfRule? {
        guard let object = object(value, at: path, allowed: ["cookie", "header"], required: ["cookie", "header"]),
            let cookie = nonEmptyString(object, "cookie", at: path), let header = nonEmptyString(object, "header", at: path)
        else { return nil }
        for (key, name) in [("cookie", cookie), ("header", header)] where !isToken(name) {
            report(Self.path(path, key), "\"\(name)\" is not a valid \(key) name")
        }
        return CsrfRule(cookie: cookie, header: header)
    }
}

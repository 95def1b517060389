/// A rule about how an auth client behaves, checked against the requests the server journaled:
/// what teams otherwise write by hand over raw request logs. The server evaluates it, so the
/// same check runs from Swift (`AuthStubControl.checkRequests(_:)`, or `verify` in
/// AuthStubTesting) and over HTTP (`POST /__control/verify`).
///
/// ```swift
/// let report = try await stub.checkRequests([.noTokenUseAfterEnd, .oneRefresh(within: .seconds(30))])
/// #expect(report.passed, "\(report)")
/// ```
///
/// Requests count in the order the server saw them: one comes "after" an answer when it
/// arrived once that answer was complete, so requests a client sent concurrently are never
/// taken for requests it sent after being told.
public struct AuthCheck: Sendable, Hashable, CustomStringConvertible {
    /// The rule and its parameters.
    enum Rule: Hashable {
        case noTokenUseAfterEnd
        case oneRefresh(withinMilliseconds: Int64)
        case respectsRetryAfter
        case credentialRetries(atMost: Int)
        case noCallsAfterSunset
        case noTokenLeaks
    }

    let rule: Rule

    /// No request presents a token after the client was told it had ended: a refusal naming
    /// that token as expired, revoked, reused or unknown (`badToken`, an `invalid_grant`), or a
    /// logout, revocation or end of session the client made itself (with the family or the
    /// user's tokens it ended), or a refresh that rotated the refresh token, or a redemption
    /// that used up the code. The first use of a token that ran out, answered 401 and followed
    /// by a refresh, is normal and passes.
    public static let noTokenUseAfterEnd = AuthCheck(rule: .noTokenUseAfterEnd)

    /// At most one refresh per token family at a time: no refresh of a family while another
    /// of its refreshes is unanswered, and none within `window` (server clock) of the last.
    /// A client that refreshes once per expiry passes; two refreshes racing fail.
    public static func oneRefresh(within window: Duration) -> AuthCheck {
        AuthCheck(rule: .oneRefresh(withinMilliseconds: max(0, window.saturatedMilliseconds)))
    }

    /// No request to a route before the time its `Retry-After` (on a 429, a 503 or any answer)
    /// gave, on the server clock: with a frozen clock, none before the clock was moved past it.
    public static let respectsRetryAfter = AuthCheck(rule: .respectsRetryAfter)

    /// After a login is refused for its credentials (`badCredentials`), at most `count` more
    /// attempts for the same username (or client) before one succeeds.
    public static func credentialRetries(atMost count: Int) -> AuthCheck {
        AuthCheck(rule: .credentialRetries(atMost: max(0, count)))
    }

    /// No request to a deprecated route once its sunset date passed on the server clock (or the
    /// control API removed it).
    public static let noCallsAfterSunset = AuthCheck(rule: .noCallsAfterSunset)

    /// No token exposed: a refresh token sent as a bearer token (RFC 6749 §1.5: it goes to the
    /// authorization server only), or a token this server issued in a query string or a URL
    /// path (RFC 6750 §5.3).
    public static let noTokenLeaks = AuthCheck(rule: .noTokenLeaks)

    /// Every check, with the parameters `POST /__control/verify` uses when a body names none:
    /// one refresh within 1 second, 3 credential retries.
    public static let all: [AuthCheck] = [
        .noTokenUseAfterEnd, .oneRefresh(within: .seconds(1)), .respectsRetryAfter, .credentialRetries(atMost: 3),
        .noCallsAfterSunset, .noTokenLeaks,
    ]

    /// The check's name as the control API writes it (`"check"`), e.g. `noTokenUseAfterEnd`.
    public var name: String {
        switch rule {
        case .noTokenUseAfterEnd: "noTokenUseAfterEnd"
        case .oneRefresh: "oneRefresh"
        case .respectsRetryAfter: "respectsRetryAfter"
        case .credentialRetries: "credentialRetries"
        case .noCallsAfterSunset: "noCallsAfterSunset"
        case .noTokenLeaks: "noTokenLeaks"
        }
    }

    /// The names the control API knows, in the order `all` lists them.
    static let names = all.map(\.name)

    /// What the check expects, in words: "no token used after the client was told it had ended".
    public var description: String {
        switch rule {
        case .noTokenUseAfterEnd: "no token used after the client was told it had ended"
        case .oneRefresh(let window): "at most one refresh per token family within \(Self.words(milliseconds: window))"
        case .respectsRetryAfter: "no request to a route before its Retry-After"
        case .credentialRetries(let count): "at most \(count) credential \(count == 1 ? "retry" : "retries") after a bad-credentials answer"
        case .noCallsAfterSunset: "no call to a deprecated route after its sunset"
        case .noTokenLeaks: "no token leaked (a refresh token as a bearer, a token in a URL)"
        }
    }

    /// `1s`, `1m30s`, or `250ms` for a window that is no whole number of seconds.
    private static func words(milliseconds: Int64) -> String {
        milliseconds % 1000 == 0 ? DurationText.compact(seconds: milliseconds / 1000) : "\(milliseconds)ms"
    }
}

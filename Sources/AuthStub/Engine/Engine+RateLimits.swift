import StubHTTP

/// A request over a rate limit: its refusal and the `Retry-After` it gets.
struct RateLimitRefusal: Sendable {
    let refusal: Refusal
    /// Whole seconds, rounded up, until the limit's window lets the request through.
    let retryAfter: Int64
}

extension Engine {
    /// Counts the request against its route's rate limits, the service's then the endpoint's,
    /// under the lock. Each limit counts it once, whether or not it is refused; a limit whose
    /// key the request lacks (no user, client or token) does not count it. Returns the refusal
    /// of the limit that holds it back longest; nil when it is under all of them. The caller
    /// looks at the route's limits first, so a route without any pays nothing.
    func countRateLimits(_ preparation: Preparation, route: MatchedRoute, now: Int64, state: inout EngineState) -> RateLimitRefusal? {
        var longest: RateLimitRefusal?
        func count(_ limit: RateLimit, id: String) {
            guard let (subject, words) = rateLimitKey(limit.per, preparation, route: route, tokens: state.tokens) else { return }
            let key = RateLimitCounters.Key(limit: id, subject: subject)
            let window = state.rateLimits.count(key, service: route.service.name, length: limit.windowMilliseconds, now: now)
            guard window.count > limit.requests else { return }
            let wait = (window.end - now + 999) / 1_000
            guard wait > longest?.retryAfter ?? 0 else { return }
            let length = DurationText.compact(seconds: limit.windowMilliseconds / 1_000)
            longest = RateLimitRefusal(
                refusal: Refusal(
                    .rateLimited,
                    "too many requests; retry in \(wait) s",
                    reason: "rate limit \(limit.name): \(limit.requests) requests per \(length) \(words); retry in \(wait) s"
                ),
                retryAfter: wait
            )
        }
        for limit in route.service.rateLimits { count(limit, id: limit.name) }
        for limit in route.endpoint.rateLimits { count(limit, id: "\(route.endpoint.name)/\(limit.name)") }
        return longest
    }

    /// The key the request counts under for a limit `per` this subject, and words naming it for
    /// the journal (a token shortened); nil when the request has none.
    private func rateLimitKey(
        _ per: RateLimit.Subject,
        _ preparation: Preparation,
        route: MatchedRoute,
        tokens: TokenStore
    ) -> (key: String, words: String)? {
        var presented: String?
        switch preparation.credentials {
        case .token(let token?), .refresh(.success(let token?)): presented = token.isEmpty ? nil : token
        default: break
        }
        switch per {
        case .route:
            let name = "\(route.endpoint.method) \(route.endpoint.path)"
            return (name, "on \(name)")
        case .user:
            var user: String?
            if case .login(.success(let input)) = preparation.credentials { user = input.username }
            user = user ?? presented.flatMap { tokens.record($0)?.user }
            return user.map { ($0, "for user \($0)") }
        case .client:
            var client: String?
            if case .login(.success(let input)) = preparation.credentials { client = input.presented.client }
            if case .success(let presented)? = preparation.endpointCredentials { client = client ?? presented.client }
            client = client ?? presented.flatMap { tokens.record($0)?.grant?.client }
            return client.map { ($0, "for client \($0)") }
        case .token:
            // Kept as its SHA-256, never as sent: it may be a real token a test leaked.
            return presented.map { ("sha256:" + Base64URL.encode(SHA256.hash($0.utf8)), "for token \(Redaction.shortened($0))") }
        default:
            return nil
        }
    }
}

extension FaultEffect {
    /// An `unauthorized` fault applied: its 401 answers, even over a rate limit.
    var forcesUnauthorized: Bool {
        if case .unauthorized = self { true } else { false }
    }
}

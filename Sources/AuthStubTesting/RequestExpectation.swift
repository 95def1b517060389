public import AuthStub
public import StubHTTP

/// Something a test expects of the requests a server received, checked with
/// `verify(_:)`. When it does not hold, the error lists the requests that were seen.
///
/// ```swift
/// try await stub.verify(.noDeprecatedCalls, .called("DELETE", "/m2m/v1/auth/logout", times: 1),
///                       .everyRequest(hasHeader: "Accept", "application/json"))
/// ```
///
/// None passes on a journal with gaps: when the journal dropped requests (it is bounded in
/// entries and bytes) since the server started, was reset or was cleared, every expectation
/// whose verdict a lost request could change (all but `called(_:_:times:)` with `times` nil,
/// which a request seen proves) fails, saying how many were dropped.
public struct RequestExpectation: Sendable {
    /// What is expected, in words.
    public let description: String
    /// Whether the expectation can hold only when the journal kept every request: a count, an
    /// absence, "every request". A journal that dropped requests fails it.
    let needsEveryRequest: Bool
    /// nil when the journal's `entries` satisfy the expectation; otherwise what went wrong. It
    /// may ask the server too, which matches full secrets the entries show redacted.
    let failure: @Sendable (_ entries: [JournalEntry], _ server: any AuthStubControl) async throws -> String?

    /// An expectation of your own: `failure` returns nil when it holds, or what went wrong. It
    /// fails when the journal dropped requests, as any of them might have changed the verdict.
    public init(_ description: String, failure: @escaping @Sendable ([JournalEntry]) -> String?) {
        self.description = description
        self.needsEveryRequest = true
        self.failure = { entries, _ in failure(entries) }
    }

    private init(
        _ description: String,
        needsEveryRequest: Bool = true,
        asking failure: @escaping @Sendable ([JournalEntry], any AuthStubControl) async throws -> String?
    ) {
        self.description = description
        self.needsEveryRequest = needsEveryRequest
        self.failure = failure
    }

    /// `method path` was requested `times` times (nil: at least once). `path` may use `*`.
    public static func called(_ method: HTTPMethod, _ path: String, times: Int? = nil) -> RequestExpectation {
        let filter = JournalFilter(method: method, path: path)
        let wanted = times.map { "\($0) \($0 == 1 ? "time" : "times")" } ?? "at least once"
        return RequestExpectation("\(method) \(path) called \(wanted)", needsEveryRequest: times != nil) { entries, _ in
            let count = entries.filter(filter.matches).count
            let holds = times.map { count == $0 } ?? (count > 0)
            return holds ? nil : "expected \(method) \(path) to be called \(wanted), but it was called \(count) \(count == 1 ? "time" : "times")"
        }
    }

    /// `method path` was never requested. `path` may use `*`.
    public static func notCalled(_ method: HTTPMethod, _ path: String) -> RequestExpectation {
        .matching(JournalFilter(method: method, path: path), count: 0, "\(method) \(path)")
    }

    /// No request reached a deprecated route.
    public static var noDeprecatedCalls: RequestExpectation {
        .matching(JournalFilter(deprecated: true), count: 0, "a deprecated route")
    }

    /// Every request matched a fixture.
    public static var noUnmatchedRequests: RequestExpectation {
        .matching(JournalFilter(unmatched: true), count: 0, "a path no fixture serves")
    }

    /// Every request that passes `filter` carried the header `name` (with exactly `value`,
    /// when given). Passes when no request does. A secret header such as `Authorization`
    /// matches the value sent in full, though the journal shows it redacted: the server that
    /// journaled the requests compares it.
    public static func everyRequest(
        _ filter: JournalFilter = JournalFilter(),
        hasHeader name: String,
        _ value: String? = nil
    ) -> RequestExpectation {
        let wanted = value.map { "\(name): \($0)" } ?? name
        var sending = filter
        sending.header = JournalFilter.Header(name, value)
        return RequestExpectation(
            "every request sent \(wanted)",
            asking: { [sending] _, server in
                let senders = Set(try await server.requests(sending).map(\.id))
                let missing = try await server.requests(filter).filter { !senders.contains($0.id) }
                guard let first = missing.first else { return nil }
                let sent = first.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
                let what = sent.isEmpty ? "no \(name)" : "\(name): \(sent.joined(separator: ", "))"
                let cut = first.truncated ? " (the journal cut its header values)" : ""
                return
                    "expected every request to send \(wanted), but \(missing.count) did not; the first, #\(first.id) \(first.method) \(first.path), sent \(what)\(cut)"
            }
        )
    }

    /// Exactly `count` requests pass `filter`, described as requests "to `target`".
    private static func matching(_ filter: JournalFilter, count wanted: Int, _ target: String) -> RequestExpectation {
        RequestExpectation(
            "\(wanted == 0 ? "no" : String(wanted)) requests to \(target)",
            asking: { entries, _ in
                let found = entries.filter(filter.matches)
                guard found.count != wanted else { return nil }
                let ids = found.prefix(10).map { "#\($0.id)" }.joined(separator: ", ")
                return "expected \(wanted) requests to \(target), but there were \(found.count) (\(ids))"
            }
        )
    }
}

/// Expectations about requests that did not hold, with every request the server saw.
public struct RequestVerificationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, one line per unmet expectation.
    public let failures: [String]
    /// The journal when it was checked, oldest first.
    public let requests: [JournalEntry]
    /// Requests the journal had dropped (it is bounded) since the server started, was reset or
    /// was cleared.
    public let dropped: Int

    /// The failures, with the requests seen.
    public init(failures: [String], requests: [JournalEntry], dropped: Int = 0) {
        self.failures = failures
        self.requests = requests
        self.dropped = dropped
    }

    /// The unmet expectations, then the requests seen (the last 50), one line each.
    public var description: String {
        var lines = failures
        if dropped > 0 { lines.append("the journal dropped \(dropped) earlier requests (see journalCapacity and journalBytes)") }
        lines.append(requests.isEmpty ? "no requests were seen" : "requests seen (\(requests.count)):")
        let shown = requests.suffix(50)
        if shown.count < requests.count { lines.append("  … \(requests.count - shown.count) earlier ones left out") }
        for entry in shown {
            var line =
                "  #\(entry.id) \(entry.method) \(entry.path)\(entry.query.map { "?\($0)" } ?? "") → \(entry.status.map(String.init) ?? "no answer")"
            if let fixture = entry.fixture { line += " \(fixture)" }
            if entry.deprecated { line += " [deprecated]" }
            if let fault = entry.fault { line += " fault \(fault)" }
            if let reason = entry.reason { line += " (\(reason))" }
            if entry.truncated { line += " [cut by the journal]" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension AuthStubControl {
    /// Checks `expectations` against the journal; throws `RequestVerificationError` listing
    /// what did not hold and every request seen. Works in XCTest and Swift Testing alike.
    /// An expectation that needs every request fails when the journal dropped some.
    public func verify(_ expectations: RequestExpectation...) async throws {
        let journal = try await requests(JournalFilter(), limit: nil, after: nil)
        var failures: [String] = []
        for expectation in expectations {
            let failure = try await expectation.failure(journal.entries, self)
            if let failure {
                failures.append(failure)
            } else if expectation.needsEveryRequest, journal.dropped > 0 {
                failures.append(
                    "cannot check that \(expectation.description): the journal dropped \(journal.dropped) requests since the server started, was reset or was cleared"
                )
            }
        }
        guard failures.isEmpty else {
            throw RequestVerificationError(failures: failures, requests: journal.entries, dropped: journal.dropped)
        }
    }
}

extension RequestExpectation {
    /// The auth-aware `check`, run by the server over its journal (see `AuthCheck`); when it
    /// fails, the error names each offending request with its time, method, path, token
    /// (shortened) and why. It fails on a journal that dropped requests.
    public static func auth(_ check: AuthCheck) -> RequestExpectation {
        RequestExpectation(
            check.description,
            needsEveryRequest: false,  // the server's report fails it itself when requests were dropped
            asking: { _, server in
                let report = try await server.checkRequests([check])
                return report.results.first { !$0.held }?.description
            }
        )
    }

    /// `AuthCheck.noTokenUseAfterEnd`: no token used after the client was told it had ended.
    public static var noTokenUseAfterEnd: RequestExpectation { .auth(.noTokenUseAfterEnd) }

    /// `AuthCheck.oneRefresh(within:)`: at most one refresh per token family at a time, and
    /// none within `window` of the last.
    public static func oneRefresh(within window: Duration) -> RequestExpectation { .auth(.oneRefresh(within: window)) }

    /// `AuthCheck.respectsRetryAfter`: no request to a route before its `Retry-After`.
    public static var respectsRetryAfter: RequestExpectation { .auth(.respectsRetryAfter) }

    /// `AuthCheck.credentialRetries(atMost:)`: at most `count` login retries after a
    /// bad-credentials answer.
    public static func credentialRetries(atMost count: Int) -> RequestExpectation { .auth(.credentialRetries(atMost: count)) }

    /// `AuthCheck.noCallsAfterSunset`: no call to a deprecated route after its sunset.
    public static var noCallsAfterSunset: RequestExpectation { .auth(.noCallsAfterSunset) }

    /// `AuthCheck.noTokenLeaks`: no refresh token as a bearer, no token in a URL.
    public static var noTokenLeaks: RequestExpectation { .auth(.noTokenLeaks) }
}

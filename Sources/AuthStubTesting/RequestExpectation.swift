public import AuthStub
public import StubHTTP

/// Something a test expects of the requests a server received, checked with
/// `verify(_:)`. When it does not hold, the error lists the requests that were seen.
///
/// ```swift
/// try await stub.verify(.noDeprecatedCalls, .called("DELETE", "/m2m/v1/auth/logout", times: 1),
///                       .everyRequest(hasHeader: "Accept", "application/json"))
/// ```
public struct RequestExpectation: Sendable {
    /// What is expected, in words.
    public let description: String
    /// nil when the journal's `entries` satisfy the expectation; otherwise what went wrong. It
    /// may ask the server too, which matches full secrets the entries show redacted.
    let failure: @Sendable (_ entries: [JournalEntry], _ server: any AuthStubControl) async throws -> String?

    /// An expectation of your own: `failure` returns nil when it holds, or what went wrong.
    public init(_ description: String, failure: @escaping @Sendable ([JournalEntry]) -> String?) {
        self.description = description
        self.failure = { entries, _ in failure(entries) }
    }

    private init(_ description: String, asking failure: @escaping @Sendable ([JournalEntry], any AuthStubControl) async throws -> String?) {
        self.description = description
        self.failure = failure
    }

    /// `method path` was requested `times` times (nil: at least once). `path` may use `*`.
    public static func called(_ method: HTTPMethod, _ path: String, times: Int? = nil) -> RequestExpectation {
        let filter = JournalFilter(method: method, path: path)
        let wanted = times.map { "\($0) \($0 == 1 ? "time" : "times")" } ?? "at least once"
        return RequestExpectation("\(method) \(path) called \(wanted)") { entries in
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
                return
                    "expected every request to send \(wanted), but \(missing.count) did not; the first, #\(first.id) \(first.method) \(first.path), sent \(what)"
            }
        )
    }

    /// Exactly `count` requests pass `filter`, described as requests "to `target`".
    private static func matching(_ filter: JournalFilter, count wanted: Int, _ target: String) -> RequestExpectation {
        RequestExpectation("\(wanted == 0 ? "no" : String(wanted)) requests to \(target)") { entries in
            let found = entries.filter(filter.matches)
            guard found.count != wanted else { return nil }
            let ids = found.prefix(10).map { "#\($0.id)" }.joined(separator: ", ")
            return "expected \(wanted) requests to \(target), but there were \(found.count) (\(ids))"
        }
    }
}

/// Expectations about requests that did not hold, with every request the server saw.
public struct RequestVerificationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, one line per unmet expectation.
    public let failures: [String]
    /// The journal when it was checked, oldest first.
    public let requests: [JournalEntry]

    /// The unmet expectations, then the requests seen (the last 50), one line each.
    public var description: String {
        var lines = failures
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
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension AuthStubControl {
    /// Checks `expectations` against the journal; throws `RequestVerificationError` listing
    /// what did not hold and every request seen. Works in XCTest and Swift Testing alike.
    public func verify(_ expectations: RequestExpectation...) async throws {
        let entries = try await requests()
        var failures: [String] = []
        for expectation in expectations {
            if let failure = try await expectation.failure(entries, self) { failures.append(failure) }
        }
        guard failures.isEmpty else { throw RequestVerificationError(failures: failures, requests: entries) }
    }
}

public import Foundation
public import StubHTTP

/// What `AuthStubControl.checkRequests(_:)` (and `POST /__control/verify`) found: for each
/// check whether it held and, for each that did not, the requests that broke it.
public struct AuthCheckReport: Sendable, Equatable, CustomStringConvertible {
    /// One result per check asked for, in the order asked.
    public var results: [AuthCheckResult]
    /// Requests the journal had dropped (it is bounded) since the server started, was reset or
    /// was cleared; when above 0 no check holds, as a dropped request might have broken it.
    public var dropped: Int
    /// How many journaled requests the checks read.
    public var checked: Int

    /// A report of `results` over `checked` requests, `dropped` more lost.
    public init(results: [AuthCheckResult], dropped: Int, checked: Int) {
        self.results = results
        self.dropped = dropped
        self.checked = checked
    }

    /// Every check held.
    public var passed: Bool { results.allSatisfy(\.held) }

    /// The checks that did not hold, each with its offending requests, one line each: what a
    /// test failure shows.
    public var description: String {
        let failed = results.filter { !$0.held }
        guard !failed.isEmpty else { return "all \(results.count) checks held over \(checked) requests" }
        return failed.map(\.description).joined(separator: "\n")
    }
}

/// How one `AuthCheck` fared.
public struct AuthCheckResult: Sendable, Equatable, CustomStringConvertible {
    /// The check's name (`AuthCheck.name`).
    public var check: String
    /// What it expects, in words.
    public var expected: String
    /// Whether it held.
    public var held: Bool
    /// Why it did not hold, in one sentence; nil when it held.
    public var failure: String?
    /// The requests that broke it, oldest first: at most `AuthCheckResult.shownLimit`.
    public var requests: [OffendingRequest]
    /// How many requests broke it (more than `requests` holds when it was cut).
    public var offending: Int

    /// The most offending requests a result lists.
    public static let shownLimit = 100

    /// A result as the server reports it.
    public init(check: String, expected: String, held: Bool, failure: String?, requests: [OffendingRequest], offending: Int) {
        self.check = check
        self.expected = expected
        self.held = held
        self.failure = failure
        self.requests = requests
        self.offending = offending
    }

    /// `expected …, but …`, then one indented line per offending request.
    public var description: String {
        var lines = ["expected \(expected), but \(failure ?? "it held")"]
        lines += requests.map { "    \($0)" }
        if offending > requests.count { lines.append("    … and \(offending - requests.count) more") }
        return lines.joined(separator: "\n")
    }
}

/// A journaled request that broke a check, with why.
public struct OffendingRequest: Sendable, Equatable, CustomStringConvertible {
    /// Its journal id (`JournalEntry.id`).
    public var id: Int
    /// Server-clock time of arrival, to the second.
    public var time: Date
    /// The request method.
    public var method: HTTPMethod
    /// The request path, as the journal shows it (a token in it shortened).
    public var path: String
    /// The token it presented, shortened (`5c0b…`), when it presented one the check is about.
    public var token: String?
    /// Why it broke the check, naming the earlier request that made it wrong when there is one.
    public var reason: String

    /// An offending request as the server reports it.
    public init(id: Int, time: Date, method: HTTPMethod, path: String, token: String?, reason: String) {
        self.id = id
        self.time = time
        self.method = method
        self.path = path
        self.token = token
        self.reason = reason
    }

    /// `#12 2026-11-23T10:00:05+00:00 GET /api/me token 5c0b…: used after #9 …`.
    public var description: String {
        "#\(id) \(ServerTime.text(time)) \(method) \(path)\(token.map { " token \($0)" } ?? ""): \(reason)"
    }
}

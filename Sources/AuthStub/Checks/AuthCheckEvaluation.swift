/// The rules of `AuthCheck`, read over a journal's entries (oldest first, as
/// `JournalSnapshot.entries` gives them) and their `AuthFacts`. Each rule is one pass that
/// keeps, per token, family, route or username, only the earlier answers it compares with.
struct AuthCheckEvaluation {
    let entries: [JournalEntry]
    /// Requests the journal had dropped before these.
    let dropped: Int

    /// How `check` fared.
    func result(of check: AuthCheck) -> AuthCheckResult {
        let offending: [OffendingRequest]
        switch check.rule {
        case .noTokenUseAfterEnd: offending = usesAfterEnd()
        case .oneRefresh(let window): offending = repeatedRefreshes(window: window)
        case .respectsRetryAfter: offending = earlyRetries()
        case .credentialRetries(let allowed): offending = credentialRetries(allowed: allowed)
        case .noCallsAfterSunset:
            offending = entries.filter(\.facts.pastSunset).map { offense($0, "called after the route's sunset\($0.answeredText)") }
        case .noTokenLeaks:
            offending = entries.filter { !$0.facts.leaks.isEmpty }.map { offense($0, $0.facts.leaks.map(\.words).joined(separator: "; ")) }
        }
        var failure: String?
        if !offending.isEmpty {
            failure = "\(offending.count) \(offending.count == 1 ? "request" : "requests") did not"
        }
        if dropped > 0 {
            let lost = "the journal dropped \(dropped) requests since the server started, was reset or was cleared, so this cannot be checked"
            failure = failure.map { "\($0), and \(lost)" } ?? lost
        }
        return AuthCheckResult(
            check: check.name,
            expected: check.description,
            held: failure == nil,
            failure: failure,
            requests: Array(offending.prefix(AuthCheckResult.shownLimit)),
            offending: offending.count
        )
    }

    /// Requests that presented a token after an earlier answer told the client it had ended.
    ///
    /// An ending the client asked for (a logout, a revocation, a rotation, a redemption) binds
    /// every request that arrived once its answer was complete. A refusal binds once the client
    /// shows it read the answer: a later request on the same connection, or any request after
    /// one that did not present that token (a refresh, a login, a call with another token).
    /// So calls that raced with one dead token, each refused, pass; sending it again after the
    /// refresh fails.
    private func usesAfterEnd() -> [OffendingRequest] {
        var endedByClient: [ToldEnded: Int] = [:]
        var refusedAt: [String: Int] = [:]
        var movedOn: [Int: ContinuousClock.Instant?] = [:]
        var offending: [OffendingRequest] = []
        for (index, entry) in entries.enumerated() {
            if let presented = entry.facts.presented {
                let keys =
                    [ToldEnded.token(presented.id)] + [presented.family.map(ToldEnded.family), presented.user.map(ToldEnded.user)].compactMap { $0 }
                var teller = keys.lazy.compactMap { key in endedByClient[key].map { (key, self.entries[$0]) } }.first { entry.comes(after: $0.1) }
                if teller == nil, let refusal = refusedAt[presented.id] {
                    let told = entries[refusal]
                    let movedOnAt: ContinuousClock.Instant?
                    if let cached = movedOn[refusal] {
                        movedOnAt = cached
                    } else {
                        movedOnAt = firstRequest(after: refusal, notPresenting: presented.id)
                        movedOn[refusal] = .some(movedOnAt)
                    }
                    let sameConnection = entry.facts.connection != nil && entry.facts.connection == told.facts.connection
                    let afterMovingOn = movedOnAt.map { at in entry.facts.arrived.map { at < $0 } ?? false } ?? false
                    if entry.comes(after: told), sameConnection || afterMovingOn {
                        teller = (.token(presented.id), told)
                    }
                }
                if let (key, told) = teller {
                    offending.append(offense(entry, "used after #\(told.id) \(told.method) \(told.path)\(told.answeredText) \(key.toldWords)"))
                }
                if entry.refusalReason.map(Engine.endingReasons.contains) == true, refusedAt[presented.id] == nil {
                    refusedAt[presented.id] = index
                }
            }
            for key in entry.facts.ended where endedByClient[key] == nil { endedByClient[key] = index }
        }
        return offending
    }

    /// When the first request arrived, after the answer at `index` was complete, that did not
    /// present the token `id`; nil when none did.
    private func firstRequest(after index: Int, notPresenting id: String) -> ContinuousClock.Instant? {
        let told = entries[index]
        return entries[(index + 1)...].first { $0.comes(after: told) && $0.facts.presented?.id != id }?.facts.arrived
    }

    /// Refreshes of a family while another of its refreshes was unanswered, or within
    /// `window` milliseconds (server clock) of the last one.
    private func repeatedRefreshes(window: Int64) -> [OffendingRequest] {
        var last: [String: JournalEntry] = [:]
        var offending: [OffendingRequest] = []
        for entry in entries {
            guard let family = entry.facts.refreshedFamily else { continue }
            if let previous = last[family] {
                let gap = entry.facts.decidedAt &- previous.facts.decidedAt
                if !entry.comes(after: previous) {
                    offending.append(offense(entry, "refreshed while #\(previous.id), a refresh of the same family, was unanswered"))
                } else if gap < window {
                    offending.append(offense(entry, "refreshed \(gap) ms after #\(previous.id) refreshed the same family"))
                }
            }
            last[family] = entry
        }
        return offending
    }

    /// Requests to a route sooner than an earlier answer's `Retry-After` allowed.
    private func earlyRetries() -> [OffendingRequest] {
        var tellers: [String: [JournalEntry]] = [:]
        var offending: [OffendingRequest] = []
        for entry in entries {
            let route = entry.facts.route ?? "\(entry.method) \(entry.path)"
            if let teller = tellers[route]?.first(where: { entry.comes(after: $0) && entry.facts.decidedAt < ($0.facts.retryAfterUntil ?? 0) }) {
                let early = (teller.facts.retryAfterUntil ?? 0) &- entry.facts.decidedAt
                let header = teller.responseHeaders.first { $0.name == "Retry-After" }?.value ?? ""
                offending.append(offense(entry, "called \(early) ms before #\(teller.id)'s Retry-After: \(header)\(teller.answeredText) allowed"))
            }
            if entry.facts.retryAfterUntil != nil {
                // The latest few suffice: a later answer's Retry-After ends no sooner.
                tellers[route, default: []].append(entry)
                if (tellers[route]?.count ?? 0) > 4 { tellers[route]?.removeFirst() }
            }
        }
        return offending
    }

    /// Login attempts beyond `allowed` after a bad-credentials answer for the same username,
    /// before one succeeded.
    private func credentialRetries(allowed: Int) -> [OffendingRequest] {
        var streaks: [String: (first: JournalEntry, retries: Int)] = [:]
        var offending: [OffendingRequest] = []
        for entry in entries {
            guard let user = entry.facts.login else { continue }
            if var streak = streaks[user], entry.comes(after: streak.first) {
                streak.retries += 1
                streaks[user] = streak
                if streak.retries > allowed {
                    offending.append(
                        offense(entry, "retry \(streak.retries) for \"\(user)\" after #\(streak.first.id) was refused for its credentials")
                    )
                }
            }
            if entry.refusal == nil, entry.status.map({ $0.code < 400 }) == true {
                streaks[user] = nil
            } else if entry.refusal == .badCredentials, streaks[user] == nil {
                streaks[user] = (entry, 0)
            }
        }
        return offending
    }

    private func offense(_ entry: JournalEntry, _ reason: String) -> OffendingRequest {
        OffendingRequest(
            id: entry.id,
            time: entry.time,
            method: entry.method,
            path: entry.path,
            token: entry.facts.presented?.shown ?? entry.token,
            reason: reason
        )
    }
}

extension ToldEnded {
    /// How the earlier answer ended the token, for the reason.
    fileprivate var toldWords: String {
        switch self {
        case .token: "had told the client it had ended"
        case .family: "had ended its family"
        case .user: "had ended every token of its user"
        }
    }
}

extension JournalEntry {
    /// Whether the request arrived once `earlier`'s answer was complete: so the client could
    /// have known the answer when it sent this one. Without facts (never, in one server), by id.
    fileprivate func comes(after earlier: JournalEntry) -> Bool {
        guard let arrived = facts.arrived, let answered = earlier.facts.answered else { return id > earlier.id }
        return arrived >= answered
    }

    /// ` (401, expired)`: the answer's status and refusal reason, for a reason.
    fileprivate var answeredText: String {
        let parts = [status.map { String($0.code) }, refusalReason?.rawValue].compactMap { $0 }
        return parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
    }
}

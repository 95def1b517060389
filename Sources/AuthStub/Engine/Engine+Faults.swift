import StubHTTP

/// What an applied fault leaves for the rest of a decision.
enum FaultEffect {
    case none
    /// The fault has answered already (`drop`, `reset`, `status`).
    case answered
    case unauthorized(String)
    /// The request's token was expired; the normal checks now refuse it.
    case tokenExpired(String)
    case deprecatedRemoved(String)
    /// The normal answer is sent with its body cut short.
    case malformed(String)

    /// A refusal's reason, with the fault that caused it.
    func annotate(_ reason: String) -> String {
        switch self {
        case .none, .answered, .unauthorized: reason
        case .tokenExpired(let id), .deprecatedRemoved(let id): "\(reason) (injected fault \(id))"
        case .malformed(let id): "\(reason) (injected fault \(id): malformed, the body breaks off)"
        }
    }

    var malformedID: String? {
        if case .malformed(let id) = self { id } else { nil }
    }
}

extension Engine {
    /// Counts down the faults that apply to the request and records them in the decision.
    /// Runs under the lock.
    func applyFaults(
        _ request: HTTPRequest,
        _ preparation: Preparation,
        state: inout EngineState,
        decision: inout Decision
    ) -> FaultEffect {
        let target = FaultTarget(
            method: request.method,
            path: request.path,
            token: preparation.presentedToken,
            matchedRoute: decision.route != nil,
            deprecatedRoute: decision.route?.phase != nil,
            values: preparation.values
        )
        let (delay, answer) = state.faults.take(for: target)
        if let delay, case .delay(let duration) = delay.fault.kind {
            decision.delay = duration
            decision.faultIDs.append(delay.id)
        }
        guard let answer else { return .none }
        decision.faultIDs.append(answer.id)
        let id = answer.id
        switch answer.fault.kind {
        case .drop:
            decision.outcome = .connectionFault(.drop)
            decision.reason = "injected fault \(id) (drop: closed without a response)"
            return .answered
        case .reset:
            decision.outcome = .connectionFault(.reset)
            decision.reason = "injected fault \(id) (reset)"
            return .answered
        case .status(let status, let headers, let body):
            decision.outcome = .injected(status: status, headers: headers, body: body)
            decision.reason = "injected fault \(id) (status \(status))"
            return .answered
        case .malformed:
            decision.breaksOff = true
            return .malformed(id)
        case .unauthorized:
            return .unauthorized(id)
        case .tokenExpired:
            if let token = preparation.presentedToken { state.tokens.expire(token, now: decision.now) }
            return .tokenExpired(id)
        case .deprecatedRemoved:
            return .deprecatedRemoved(id)
        case .delay:
            return .none  // `take` never returns a delay as the answer
        }
    }
}

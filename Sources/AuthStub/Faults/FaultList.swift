import StubHTTP

/// The installed faults, in the order they are tried. Lives inside the engine's lock.
struct FaultList: Sendable {
    private(set) var installed: [InstalledFault] = []
    /// Ids are `f1`, `f2`, … and never reused until a reset.
    private var nextNumber = 1

    var isEmpty: Bool { installed.isEmpty }

    mutating func add(_ fault: Fault) -> InstalledFault {
        let entry = InstalledFault(id: "f\(nextNumber)", fault: fault, remaining: fault.times, applied: 0)
        nextNumber += 1
        installed.append(entry)
        return entry
    }

    /// Removes the fault with `id`; false when there is none.
    mutating func remove(id: String) -> Bool {
        guard let index = installed.firstIndex(where: { $0.id == id }) else { return false }
        installed.remove(at: index)
        return true
    }

    mutating func removeAll() {
        installed.removeAll()
    }

    /// The faults that apply to `target`, each counted down: the first `delay` that matches and
    /// the first other fault that matches ("first added, first tried"). Spent faults are skipped.
    mutating func take(for target: FaultTarget) -> (delay: InstalledFault?, answer: InstalledFault?) {
        var delay: InstalledFault?
        var answer: InstalledFault?
        for index in installed.indices {
            let candidate = installed[index]
            guard candidate.remaining.map({ $0 > 0 }) ?? true, candidate.fault.applies(to: target) else { continue }
            let isDelay = if case .delay = candidate.fault.kind { true } else { false }
            if isDelay ? delay != nil : answer != nil { continue }
            installed[index].applied += 1
            if let remaining = candidate.remaining { installed[index].remaining = remaining - 1 }
            if isDelay { delay = installed[index] } else { answer = installed[index] }
            if delay != nil, answer != nil { break }
        }
        return (delay, answer)
    }
}

/// What faults look at in a request.
struct FaultTarget {
    let method: HTTPMethod
    let path: String
    /// The token the request carries, by its service's scheme.
    let token: String?
    /// A fixture's route matched.
    let matchedRoute: Bool
    /// The matched route is deprecated.
    let deprecatedRoute: Bool
}

extension Fault {
    /// Whether this fault applies to `target`: its match holds, and its kind has something to
    /// act on (a 401 needs a service's shape, `tokenExpired` a token, `deprecatedRemoved` a
    /// deprecated route).
    func applies(to target: FaultTarget) -> Bool {
        if let method = match.method, method != target.method { return false }
        if let path = match.path, !PathPattern.matches(path, target.path) { return false }
        if let token = match.token, token != target.token { return false }
        switch kind {
        case .unauthorized: return target.matchedRoute
        case .tokenExpired: return target.matchedRoute && target.token != nil
        case .deprecatedRemoved: return target.deprecatedRoute
        case .status, .delay, .drop, .reset, .malformed: return true
        }
    }
}

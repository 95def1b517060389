import Foundation
import StubHTTP

/// The control operations on fixtures and users.
extension Engine {
    func fixtureSummaries() -> [FixtureSummary] {
        let catalog = self.catalog.withLock { $0 }
        let real = wallClockMilliseconds()
        return state.withLock { state in
            let now = state.clock.now(real: real)
            return catalog.current.services.flatMap { service in
                service.endpoints.map { endpoint in
                    FixtureSummary(
                        service: service.name,
                        endpoint: endpoint.name,
                        method: endpoint.method,
                        paths: service.basePaths.map { $0 + endpoint.path },
                        role: endpoint.role,
                        summary: endpoint.summary,
                        seed: endpoint.source?.seed ?? service.source?.seed,
                        examples: endpoint.responses.map { FixtureSummary.Example(name: $0.name, condition: $0.condition, status: $0.status) },
                        deprecation: state.phase(of: service, endpoint, now: now),
                        addedAtRunTime: catalog.isAddition(service: service.name, endpoint: endpoint.name)
                    )
                }
            }
        }
    }

    /// Reads the addition like a fixture file and serves it, or refuses it whole (400 with
    /// every problem).
    func addFixtures(_ addition: FixtureAddition) throws(ControlError) -> [FixtureSummary] {
        let source = "POST /__control/fixtures"
        var problems: [FixtureProblem] = []
        var additions: [FixtureCatalog.Addition] = []
        var added: [(service: String, endpoint: String)] = []
        switch addition {
        case .endpoint(let service, let document):
            guard fixtures.services.contains(where: { $0.name == service }) else {
                throw .notFound("no service \"\(service)\"", field: "service")
            }
            var reader = FixtureReader(file: source)
            if let endpoint = reader.endpoint(document) {
                additions.append(.endpoint(service: service, endpoint))
                added.append((service, endpoint.name))
            }
            problems += reader.problems.map { Self.prefixed($0, with: "endpoint") }
        case .service(let document, let endpoints):
            var reader = FixtureReader(file: source)
            var service = reader.service(document, directory: "(added at run time)")
            problems += reader.problems.map { Self.prefixed($0, with: "service") }
            if endpoints.isEmpty {
                problems.append(FixtureProblem(file: source, path: "endpoints", reason: "a service needs at least one endpoint"))
            }
            for (index, document) in endpoints.enumerated() {
                var reader = FixtureReader(file: source)
                if let endpoint = reader.endpoint(document) {
                    if service?.endpoints.contains(where: { $0.name == endpoint.name }) == true {
                        reader.report("$.name", "endpoint name \"\(endpoint.name)\" is already used in this service")
                    } else {
                        service?.endpoints.append(endpoint)
                    }
                }
                problems += reader.problems.map { Self.prefixed($0, with: "endpoints[\(index)]") }
            }
            if let service, problems.isEmpty {
                additions.append(.service(service))
                added += service.endpoints.map { (service.name, $0.name) }
            }
        }
        guard problems.isEmpty else { throw Self.refusal(400, "the fixture was not added", problems) }
        do throws(FixtureLoadError) {
            let set = try catalog.withLock { (catalog: inout FixtureCatalog) throws(FixtureLoadError) -> FixtureSet in
                try catalog.add(additions)
                return catalog.current
            }
            state.withLock { $0.refresh(for: set) }
        } catch {
            // Problems in the added endpoint document get its field, like the reader's problems.
            let problems = error.problems.map { problem in
                guard case .endpoint = addition, problem.file == source else { return problem }
                return Self.prefixed(problem, with: "endpoint")
            }
            throw Self.refusal(400, "the fixture was not added", problems)
        }
        return fixtureSummaries().filter { summary in added.contains { $0.service == summary.service && $0.endpoint == summary.endpoint } }
    }

    /// Reads the fixture folders again; a set with problems leaves the old one in place.
    func reloadFixtures() throws(ControlError) -> [FixtureSummary] {
        guard let reload = settings.reload else {
            throw ControlError(status: 409, message: "this server's fixtures were not loaded from folders")
        }
        do throws(FixtureLoadError) {
            let services = try reload()
            let set = try catalog.withLock { (catalog: inout FixtureCatalog) throws(FixtureLoadError) -> FixtureSet in
                try catalog.replaceLoaded(with: services)
                return catalog.current
            }
            state.withLock { $0.refresh(for: set) }
        } catch {
            throw Self.refusal(422, "reload refused; still serving the previous fixtures", error.problems)
        }
        return fixtureSummaries()
    }

    func deprecations() -> [DeprecationInfo] {
        let fixtures = self.fixtures
        let real = wallClockMilliseconds()
        return state.withLock { state in
            let now = state.clock.now(real: real)
            return fixtures.services.flatMap { service in
                service.endpoints.compactMap { endpoint in Self.deprecationInfo(service, endpoint, state: state, now: now) }
            }
        }
    }

    func setDeprecation(_ change: DeprecationChange) throws(ControlError) -> DeprecationInfo {
        let method = change.method.uppercased
        let fixtures = self.fixtures
        let service: ServiceFixture
        let endpoint: EndpointFixture
        switch fixtures.routes.match(method: method, path: change.path) {
        case .notFound:
            throw .notFound("no route has the path \(change.path)", field: "path")
        case .wrongMethod(let allowed):
            throw .notFound("\(change.path) answers \(allowed.joined(separator: ", ")), not \(method)", field: "method")
        case .found(let candidates):
            // Endpoints sharing the route by their `match`: the deprecated one, if any.
            let routes = candidates.map { (service: fixtures.services[$0.route.serviceIndex], route: $0.route) }
            let chosen = routes.first { $0.service.endpoints[$0.route.endpointIndex].deprecation != nil } ?? routes.first
            guard let chosen else { throw .notFound("no route has the path \(change.path)", field: "path") }
            service = chosen.service
            endpoint = chosen.service.endpoints[chosen.route.endpointIndex]
        }
        guard endpoint.deprecation != nil else {
            throw .badInput("\(method) \(change.path) is not deprecated; only deprecated routes have phases", field: "path")
        }
        let sunset = try change.sunsetAt.map { date throws(ControlError) in try Self.instant(date, field: "sunsetAt") }
        let real = wallClockMilliseconds()
        let key = EndpointID(service, endpoint)
        let info: DeprecationInfo? = try state.withLock { (state: inout EngineState) throws(ControlError) -> DeprecationInfo? in
            if change.phase == .sunset, sunset == nil, state.sunsetDate(of: service, endpoint) == nil {
                throw .badInput("the sunset phase needs a sunsetAt date (the fixture gives none)", field: "sunsetAt")
            }
            state.deprecationPhases[key] = change.phase
            if let sunset { state.sunsetDates[key] = sunset }
            return Self.deprecationInfo(service, endpoint, state: state, now: state.clock.now(real: real))
        }
        guard let info else { throw .notFound("no deprecated route \(method) \(change.path)", field: "path") }
        return info
    }

    /// Each service's users, sorted by name, with their accounts' standing; passwords as
    /// `[redacted]` unless `showingPasswords`.
    func users(showingPasswords: Bool) -> [ServiceUser] {
        let fixtures = self.fixtures
        let real = wallClockMilliseconds()
        return state.withLock { state in
            let now = state.clock.now(real: real)
            return fixtures.services.flatMap { service in
                (state.users[service.name] ?? [:]).sorted { $0.key < $1.key }.map {
                    Self.listed($0.key, $0.value, service: service.name, showingPassword: showingPasswords, now: now, state: state)
                }
            }
        }
    }

    /// Adds or replaces a user, its account in the state it gives (`active` with no wrong
    /// passwords unless it says otherwise).
    func setUser(_ user: ServiceUser) throws(ControlError) -> ServiceUser {
        guard fixtures.services.contains(where: { $0.name == user.service }) else {
            throw .notFound("no service \"\(user.service)\"", field: "service")
        }
        guard !user.username.isEmpty else { throw .badInput("the username is empty", field: "username") }
        guard (0...LockoutRule.attempts.upperBound).contains(user.failedLogins) else {
            throw .badInput("failedLogins must be from 0 to \(LockoutRule.attempts.upperBound)", field: "failedLogins")
        }
        let lockedUntil = try Self.lockEnd(user.lockedUntil, state: user.state)
        let real = wallClockMilliseconds()
        try state.withLock { (state: inout EngineState) throws(ControlError) in
            let now = state.clock.now(real: real)
            try Self.apply(
                user.state,
                lockedUntil: lockedUntil,
                failedLogins: user.failedLogins,
                service: user.service,
                user: user.username,
                now: now,
                state: &state
            )
            var added = user
            (added.state, added.lockedUntil, added.failedLogins) = (.active, nil, 0)
            state.addedUsers.removeAll { $0.service == user.service && $0.username == user.username }
            state.addedUsers.append(added)
            state.users[user.service, default: [:]][user.username] = UserAccount(password: user.password, data: user.data)
        }
        return user
    }

    private static func deprecationInfo(_ service: ServiceFixture, _ endpoint: EndpointFixture, state: EngineState, now: Int64) -> DeprecationInfo? {
        guard let deprecation = endpoint.deprecation, let phase = state.phase(of: service, endpoint, now: now) else { return nil }
        var successor: String?
        if let method = deprecation.successorMethod, let path = deprecation.successorPath { successor = "\(method) \(path)" }
        return DeprecationInfo(
            service: service.name,
            endpoint: endpoint.name,
            method: endpoint.method,
            paths: service.basePaths.map { $0 + endpoint.path },
            phase: phase,
            deprecatedAt: deprecation.deprecatedAt,
            sunsetAt: state.sunsetDate(of: service, endpoint).map(ServerTime.date),
            successor: successor
        )
    }

    /// A problem in an added document, its JSON path put under the request field that held it.
    private static func prefixed(_ problem: FixtureProblem, with field: String) -> FixtureProblem {
        var problem = problem
        problem.path = field + problem.path.dropFirst()
        return problem
    }

    private static func refusal(_ status: HTTPStatus, _ message: String, _ problems: [FixtureProblem]) -> ControlError {
        let listed = problems.map { "\($0.path): \($0.reason)" }.joined(separator: "; ")
        return ControlError(
            status: status,
            message: problems.isEmpty ? message : "\(message): \(listed)",
            field: problems.first.map { $0.path.hasPrefix("endpoint") || $0.path.hasPrefix("service") ? $0.path : nil } ?? nil,
            problems: problems
        )
    }
}

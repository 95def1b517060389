/// The fixtures being served and where they came from, so a reload or a reset can rebuild
/// them. The engine swaps the whole catalog; each request reads the current set once.
struct FixtureCatalog: Sendable {
    /// A fixture added through the control API.
    enum Addition: Sendable {
        case endpoint(service: String, EndpointFixture)
        case service(ServiceFixture)
    }

    /// The services read from the fixture folders (at start, or by the last good reload).
    private(set) var loaded: [ServiceFixture]
    /// Added through the control API, in order; kept across reloads, dropped by a reset.
    private(set) var additions: [Addition] = []
    /// What is served now: `loaded` plus `additions`, checked.
    private(set) var current: FixtureSet

    init(_ set: FixtureSet) {
        loaded = set.services
        current = set
    }

    /// Whether `service/endpoint` was added at run time.
    func isAddition(service: String, endpoint: String) -> Bool {
        additions.contains { addition in
            switch addition {
            case .endpoint(let name, let added): name == service && added.name == endpoint
            case .service(let added): added.name == service
            }
        }
    }

    /// Serves `additions` on top of what is there, or throws and changes nothing.
    mutating func add(_ new: [Addition]) throws(FixtureLoadError) {
        let set = try Self.combine(loaded, additions + new)
        additions += new
        current = set
    }

    /// Serves freshly read services (with the additions kept), or throws and changes nothing.
    mutating func replaceLoaded(with services: [ServiceFixture]) throws(FixtureLoadError) {
        let set = try Self.combine(services, additions)
        loaded = services
        current = set
    }

    /// Drops the additions.
    mutating func removeAdditions() {
        additions = []
        current = FixtureSet(services: loaded)
    }

    private static func combine(_ loaded: [ServiceFixture], _ additions: [Addition]) throws(FixtureLoadError) -> FixtureSet {
        var services = loaded
        var problems: [FixtureProblem] = []
        for addition in additions {
            switch addition {
            case .service(let service):
                services.append(service)
            case .endpoint(let name, let endpoint):
                guard let index = services.firstIndex(where: { $0.name == name }) else {
                    problems.append(FixtureProblem(file: endpoint.file, path: "$", reason: "there is no service \"\(name)\" to add it to"))
                    continue
                }
                if services[index].endpoints.contains(where: { $0.name == endpoint.name }) {
                    problems.append(
                        FixtureProblem(
                            file: endpoint.file,
                            path: "$.name",
                            reason: "endpoint name \"\(endpoint.name)\" is already used in service \"\(name)\""
                        )
                    )
                    continue
                }
                services[index].endpoints.append(endpoint)
            }
        }
        guard problems.isEmpty else { throw FixtureLoadError(problems: problems) }
        return try FixtureLoader.checkedSet(of: services)
    }
}

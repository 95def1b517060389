import AuthStub
import FuzzSupport

/// Reads one input as a fixture file, both as a `service.json` and as an endpoint file, the way
/// the loader reads a file from disk. Whatever reads is then put beside the bundled fixtures:
/// the checks that span files run, the set is exported as OpenAPI, and the file is served (see
/// `FixtureServing`).
enum FixtureHarness {
    static let file = "fuzz.json"

    /// The bundled services, read once.
    static let bundled: [ServiceFixture] = {
        do {
            return try AuthStubServer.loadFixtures([.bundled]).services
        } catch {
            fatalError("the bundled fixtures do not load: \(error)")
        }
    }()

    static func run(_ input: [UInt8]) {
        let service = FixtureLoader.readService(input, file: file, directory: "fuzz")
        checkOutcome(service.service != nil, service.problems)
        let endpoint = FixtureLoader.readEndpoint(input, file: file)
        checkOutcome(endpoint.endpoint != nil, endpoint.problems)
        checkPaths(service: service.service, endpoint: endpoint.endpoint)
        guard service.service != nil || endpoint.endpoint != nil, let document = try? JSONValue.parse(input),
            let first = bundled.first
        else { return }

        if var service = service.service {
            // A new service, served with two inline endpoints.
            service.endpoints = FixtureServing.endpoints
            let loads = checkSet(bundled + [service])
            FixtureServing.add(service: service, document: document, expectAdded: loads)
        }
        if let endpoint = endpoint.endpoint {
            // One more endpoint for the first bundled service.
            var extended = first
            extended.endpoints.append(endpoint)
            let loads = checkSet([extended] + bundled.dropFirst()) && !first.endpoints.contains { $0.name == endpoint.name }
            FixtureServing.add(endpoint: endpoint, document: document, to: first, expectAdded: loads)
        }
    }

    /// What the loader promises about paths, checked on the bytes: an endpoint's path starts with
    /// `/` and holds no `?` or `#`; a base path is empty, or starts with `/` and does not end with one.
    static func checkPaths(service: ServiceFixture?, endpoint: EndpointFixture?) {
        let slash = UInt8(ascii: "/")
        if let path = endpoint?.path.utf8 {
            require(
                path.first == slash && !path.contains(UInt8(ascii: "?")) && !path.contains(UInt8(ascii: "#")),
                "endpoint path \(endpoint?.path ?? "")"
            )
        }
        for base in service?.basePaths ?? [] {
            require(base.isEmpty || (base.utf8.first == slash && base.utf8.last != slash), "base path \(base)")
        }
    }

    /// A file either reads with no problem at all, or fails with at least one, each naming the
    /// file and a JSON path: never silently dropped, never half-read.
    static func checkOutcome(_ read: Bool, _ problems: [FixtureProblem]) {
        require(read == problems.isEmpty, "read: \(read), problems: \(problems)")
        for problem in problems {
            require(problem.file == file && problem.path.hasPrefix("$") && !problem.reason.isEmpty, "problem \(problem)")
        }
    }

    /// Runs the cross-file checks and, when they pass, the OpenAPI export, which must be JSON
    /// that reads back as the same value. True when the set loads.
    static func checkSet(_ services: [ServiceFixture]) -> Bool {
        let set: FixtureSet
        do throws(FixtureLoadError) {
            set = try FixtureLoader.checkedSet(of: services)
        } catch {
            require(!error.problems.isEmpty, "a refused set names no problem")
            return false
        }
        require(set.endpointCount == services.reduce(0) { $0 + $1.endpoints.count }, "endpoints lost")
        let document = OpenAPIDocument.make(set)
        let bytes = document.serializedBytes()
        do {
            let again = try JSONValue.parse(bytes, maxDepth: 1024)
            require(again == document, "the OpenAPI document does not read back as itself")
        } catch {
            fatalError("invariant broken: the OpenAPI document is not JSON: \(error)")
        }
        return true
    }
}

public import Foundation

/// Loads fixture folders from disk: every problem in every file is reported, and nothing is
/// half-loaded (an invalid set throws).
public enum FixtureLoader {
    /// Loads services from `directories`. Each is a service folder (it holds `service.json`) or
    /// a folder of service folders, like the bundled `fixtures/`.
    public static func load(from directories: [URL]) throws(FixtureLoadError) -> FixtureSet {
        try checkedSet(of: loadServices(from: directories))
    }

    /// A set of already-read services, after the checks that span files.
    package static func checkedSet(of services: [ServiceFixture]) throws(FixtureLoadError) -> FixtureSet {
        let problems = FixtureSet.crossCheck(services)
        guard problems.isEmpty else { throw FixtureLoadError(problems: problems) }
        return FixtureSet(services: services)
    }

    /// Reads the services of `directories`, each checked on its own.
    static func loadServices(from directories: [URL]) throws(FixtureLoadError) -> [ServiceFixture] {
        let read = readServices(from: directories)
        guard read.problems.isEmpty else { throw FixtureLoadError(problems: read.problems) }
        return read.services
    }

    /// The services of `directories` that could be read (each with the endpoint files that
    /// could), and every problem of every file.
    static func readServices(from directories: [URL]) -> (services: [ServiceFixture], problems: [FixtureProblem]) {
        var problems: [FixtureProblem] = []
        var services: [ServiceFixture] = []
        for directory in directories {
            let serviceFolders = serviceDirectories(in: directory)
            if serviceFolders.isEmpty {
                problems.append(FixtureProblem(file: directory.path, path: "$", reason: "no service.json here or in any folder directly below"))
            }
            for folder in serviceFolders {
                if let service = loadService(at: folder, problems: &problems) { services.append(service) }
            }
        }
        return (services, problems)
    }

    /// The service folders `directory` stands for, sorted by name.
    static func serviceDirectories(in directory: URL) -> [URL] {
        let manager = FileManager.default
        if manager.fileExists(atPath: directory.appendingPathComponent("service.json").path) { return [directory] }
        let children = (try? manager.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return
            children
            .filter { manager.fileExists(atPath: $0.appendingPathComponent("service.json").path) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private static func loadService(at folder: URL, problems: inout [FixtureProblem]) -> ServiceFixture? {
        let serviceFile = folder.appendingPathComponent("service.json")
        var service: ServiceFixture?
        if let bytes = contents(of: serviceFile, problems: &problems) {
            let read = readService(bytes, file: serviceFile.path, directory: folder.path)
            service = read.service
            problems += read.problems
        }

        let files = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "json" && $0.lastPathComponent != "service.json" && !$0.lastPathComponent.hasSuffix(".schema.json") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var endpoints: [EndpointFixture] = []
        for file in files {
            guard let bytes = contents(of: file, problems: &problems) else { continue }
            let read = readEndpoint(bytes, file: file.path)
            problems += read.problems
            guard let endpoint = read.endpoint else { continue }
            if endpoints.contains(where: { $0.name == endpoint.name }) {
                problems.append(
                    FixtureProblem(
                        file: file.path,
                        path: "$.name",
                        reason: "endpoint name \"\(endpoint.name)\" is already used in this service"
                    )
                )
            } else {
                endpoints.append(endpoint)
            }
        }
        if files.isEmpty {
            problems.append(FixtureProblem(file: folder.path, path: "$", reason: "the service has no endpoint files"))
        }
        guard var service else { return nil }
        service.endpoints = endpoints
        return service
    }

    /// Reads the bytes of a `service.json` found in `directory`: the service without its
    /// endpoints, or nil, and every problem (none when the service is read).
    package static func readService(_ bytes: [UInt8], file: String, directory: String) -> (service: ServiceFixture?, problems: [FixtureProblem]) {
        var reader = FixtureReader(file: file)
        let service = parse(bytes, reader: &reader).flatMap { reader.service($0, directory: directory) }
        return (service, reader.problems)
    }

    /// Reads the bytes of one endpoint file: the endpoint, or nil, and every problem (none when
    /// the endpoint is read).
    package static func readEndpoint(_ bytes: [UInt8], file: String) -> (endpoint: EndpointFixture?, problems: [FixtureProblem]) {
        var reader = FixtureReader(file: file)
        let endpoint = parse(bytes, reader: &reader).flatMap { reader.endpoint($0) }
        return (endpoint, reader.problems)
    }

    /// The file's bytes, or nil after reporting that it could not be read.
    private static func contents(of file: URL, problems: inout [FixtureProblem]) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            problems.append(FixtureProblem(file: file.path, path: "$", reason: "cannot read the file"))
            return nil
        }
        return [UInt8](data)
    }

    private static func parse(_ bytes: [UInt8], reader: inout FixtureReader) -> JSONValue? {
        do {
            return try JSONValue.parse(bytes)
        } catch {
            reader.report("$", "not valid JSON: \(error)")
            return nil
        }
    }
}

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
    static func checkedSet(of services: [ServiceFixture]) throws(FixtureLoadError) -> FixtureSet {
        let problems = FixtureSet.crossCheck(services)
        guard problems.isEmpty else { throw FixtureLoadError(problems: problems) }
        return FixtureSet(services: services)
    }

    /// Reads the services of `directories`, each checked on its own.
    static func loadServices(from directories: [URL]) throws(FixtureLoadError) -> [ServiceFixture] {
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
        guard problems.isEmpty else { throw FixtureLoadError(problems: problems) }
        return services
    }

    /// The service folders `directory` stands for, sorted by name.
    static func serviceDirectories(in directory: URL) -> [URL] {
        let manager = FileManager.default
        if manager.fileExists(atPath: directory.appendingPathComponent("service.json").path) { return [directory] }
        let children = (try? manager.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return children
            .filter { manager.fileExists(atPath: $0.appendingPathComponent("service.json").path) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private static func loadService(at folder: URL, problems: inout [FixtureProblem]) -> ServiceFixture? {
        let serviceFile = folder.appendingPathComponent("service.json")
        var reader = FixtureReader(file: serviceFile.path)
        let service = parse(serviceFile, reader: &reader).flatMap { reader.service($0, directory: folder.path) }
        problems += reader.problems

        let files = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "json" && $0.lastPathComponent != "service.json" && !$0.lastPathComponent.hasSuffix(".schema.json") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var endpoints: [EndpointFixture] = []
        for file in files {
            var reader = FixtureReader(file: file.path)
            if let document = parse(file, reader: &reader), let endpoint = reader.endpoint(document) {
                if endpoints.contains(where: { $0.name == endpoint.name }) {
                    reader.report("$.name", "endpoint name \"\(endpoint.name)\" is already used in this service")
                } else {
                    endpoints.append(endpoint)
                }
            }
            problems += reader.problems
        }
        if files.isEmpty {
            problems.append(FixtureProblem(file: folder.path, path: "$", reason: "the service has no endpoint files"))
        }
        guard var service else { return nil }
        service.endpoints = endpoints
        return service
    }

    /// The file's JSON, or nil after reporting why it could not be read or parsed.
    static func parse(_ file: URL, reader: inout FixtureReader) -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            reader.report("$", "cannot read the file")
            return nil
        }
        return parse([UInt8](data), reader: &reader)
    }

    static func parse(_ bytes: [UInt8], reader: inout FixtureReader) -> JSONValue? {
        do {
            return try JSONValue.parse(bytes)
        } catch {
            reader.report("$", "not valid JSON: \(error)")
            return nil
        }
    }
}

import AuthStub
import Foundation

/// `--watch`: polls the fixture folders' files (path, modification time, size) twice a second
/// on a task of its own and reloads the server's fixtures once a change has settled. A reload
/// that fails keeps the old fixtures; `report` gets one line saying so and one line per
/// problem. A reload without a file that held a service or endpoints comes with a warning
/// naming it, so a deleted file is never silently taken for a smaller, valid set.
final class FixtureWatcher: Sendable {
    /// What the folders held at one look: every regular file with its mtime and size.
    struct Snapshot: Equatable {
        var files: [String: FileStamp] = [:]
    }

    struct FileStamp: Equatable {
        var modified: Date
        var size: Int
    }

    /// Decides when a change on disk is ready to load: once the folders have looked the same
    /// for `looks` looks in a row. An editor's rename-away save leaves a file missing for most
    /// of a second; loading then would serve 404s until the next look.
    struct Settling {
        /// What the served fixtures were loaded from.
        private(set) var loaded: Snapshot
        /// How many looks in a row must agree on a change.
        let looks: Int
        private var candidate: Snapshot?
        private var agreeing = 0

        init(loaded: Snapshot, looks: Int) {
            self.loaded = loaded
            self.looks = max(2, looks)
        }

        /// Takes one look; returns the snapshot to load once its change has settled.
        mutating func look(_ now: Snapshot) -> Snapshot? {
            guard now != loaded else {
                candidate = nil
                return nil
            }
            if now == candidate {
                agreeing += 1
            } else {
                candidate = now
                agreeing = 1
            }
            guard agreeing >= looks else { return nil }
            loaded = now
            candidate = nil
            return now
        }
    }

    private let task: Task<Void, Never>

    /// Starts watching: what the folders hold now is what the server serves (read before this
    /// returns); the next look is `interval` from now, and a change is loaded once the folders
    /// have looked the same for `settle`.
    init(
        folders: [URL],
        server: AuthStubServer,
        interval: Duration = .milliseconds(500),
        settle: Duration = .seconds(1),
        report: @escaping @Sendable (String) -> Void
    ) {
        let first = Self.snapshot(of: folders)
        let looks = interval > .zero ? Int(min(100, max(0, (settle / interval).rounded(.up)))) + 1 : 2
        task = Task {
            var settling = Settling(loaded: first, looks: looks)
            while true {
                do { try await Task.sleep(for: interval) } catch { return }
                guard settling.look(Self.snapshot(of: folders)) != nil else { continue }
                await Self.reload(server, watching: folders, report)
            }
        }
    }

    func stop() { task.cancel() }

    private static func reload(_ server: AuthStubServer, watching folders: [URL], _ report: (String) -> Void) async {
        let previous = server.fixtures
        do {
            let fixtures = try await server.reloadFixtures()
            for warning in disappearances(from: previous, watching: folders) { report(warning) }
            let services = Set(fixtures.map(\.service)).sorted().joined(separator: ", ")
            report("Reloaded fixtures: \(fixtures.count) endpoints (\(services))")
        } catch let error as ControlError {
            reportRefusal(error.problems.map(\.description), fallback: error.message, report)
        } catch {
            reportRefusal([], fallback: "\(error)", report)
        }
    }

    /// A warning for each file under `folders` that held a service or endpoints of `fixtures`
    /// and is gone now.
    static func disappearances(from fixtures: FixtureSet, watching folders: [URL]) -> [String] {
        let prefixes = folders.map { $0.standardizedFileURL.path + "/" }
        func isWatched(_ path: String) -> Bool { prefixes.contains { path.hasPrefix($0) } }
        func isGone(_ path: String) -> Bool { isWatched(path) && !FileManager.default.fileExists(atPath: path) }
        var warnings: [String] = []
        for service in fixtures.services {
            let serviceFile = URL(fileURLWithPath: service.directory).appendingPathComponent("service.json").standardizedFileURL.path
            if isGone(serviceFile) {
                warnings.append("Warning: \(serviceFile) disappeared; service \(service.name) is no longer served")
                continue
            }
            for endpoint in service.endpoints where isGone(URL(fileURLWithPath: endpoint.file).standardizedFileURL.path) {
                warnings.append("Warning: \(endpoint.file) disappeared; its routes are no longer served")
            }
        }
        return warnings
    }

    private static func reportRefusal(_ problems: [String], fallback: String, _ report: (String) -> Void) {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        report(
            problems.isEmpty
                ? "Reload refused; still serving the previous fixtures: \(fallback)"
                : "Reload refused; still serving the previous fixtures (\(count)):"
        )
        for problem in problems { report("  " + problem) }
    }

    /// Every regular file under `folders`, with its modification time and size.
    static func snapshot(of folders: [URL]) -> Snapshot {
        var snapshot = Snapshot()
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { continue }
            for case let file as URL in walker {
                // A file removed between listing and reading is simply not there any more.
                guard let values = try? file.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                snapshot.files[file.path] = FileStamp(modified: values.contentModificationDate ?? .distantPast, size: values.fileSize ?? 0)
            }
        }
        return snapshot
    }
}

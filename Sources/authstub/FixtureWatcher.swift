import AuthStub
import Foundation

/// `--watch`: polls the fixture folders' files (path, modification time, size) twice a second
/// on a task of its own and reloads the server's fixtures when anything changed. A reload that
/// fails keeps the old fixtures; `report` gets one line saying so and one line per problem.
final class FixtureWatcher: Sendable {
    /// What the folders held at the last look: every regular file with its mtime and size.
    struct Snapshot: Equatable {
        var files: [String: FileStamp] = [:]
    }

    struct FileStamp: Equatable {
        var modified: Date
        var size: Int
    }

    private let task: Task<Void, Never>

    /// Starts watching; the first look is `interval` from now.
    init(
        folders: [URL],
        server: AuthStubServer,
        interval: Duration = .milliseconds(500),
        report: @escaping @Sendable (String) -> Void
    ) {
        let first = Self.snapshot(of: folders)
        task = Task {
            var last = first
            while true {
                do { try await Task.sleep(for: interval) } catch { return }
                let now = Self.snapshot(of: folders)
                guard now != last else { continue }
                last = now
                await Self.reload(server, report)
            }
        }
    }

    func stop() { task.cancel() }

    private static func reload(_ server: AuthStubServer, _ report: (String) -> Void) async {
        do {
            let fixtures = try await server.reloadFixtures()
            let services = Set(fixtures.map(\.service)).sorted().joined(separator: ", ")
            report("Reloaded fixtures: \(fixtures.count) endpoints (\(services))")
        } catch let error as ControlError {
            reportRefusal(error.problems.map(\.description), fallback: error.message, report)
        } catch {
            reportRefusal([], fallback: "\(error)", report)
        }
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

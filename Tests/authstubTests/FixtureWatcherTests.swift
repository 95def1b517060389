import AuthStub
import Foundation
import Testing

@testable import authstub

/// `--watch` without a process: when a change counts as settled, and what a reload warns about.
@Suite("CLI: --watch, settling and warnings")
struct FixtureWatcherTests {
    typealias Snapshot = FixtureWatcher.Snapshot

    static func snapshot(_ files: [String: Int]) -> Snapshot {
        Snapshot(files: files.mapValues { FixtureWatcher.FileStamp(modified: Date(timeIntervalSince1970: 0), size: $0) })
    }

    static let served = snapshot(["login.json": 10, "bump.json": 20, "service.json": 30])
    static let withoutLogin = snapshot(["bump.json": 20, "service.json": 30])
    static let edited = snapshot(["login.json": 11, "bump.json": 20, "service.json": 30])

    @Test("a change is loaded once three looks in a row agree on it, and only once")
    func settlesAfterAgreeingLooks() {
        var settling = FixtureWatcher.Settling(loaded: Self.served, looks: 3)
        #expect(settling.look(Self.served) == nil)
        #expect(settling.look(Self.edited) == nil)
        #expect(settling.look(Self.edited) == nil)
        #expect(settling.look(Self.edited) == Self.edited)
        #expect(settling.loaded == Self.edited)
        #expect(settling.look(Self.edited) == nil, "nothing changed since")
    }

    @Test("a rename-away save (the file missing for two looks, then back edited) loads the edit, never the set without the file")
    func renameAwaySave() {
        var settling = FixtureWatcher.Settling(loaded: Self.served, looks: 3)
        var loaded: [Snapshot] = []
        for look in [Self.withoutLogin, Self.withoutLogin, Self.edited, Self.edited, Self.edited, Self.edited] {
            if let snapshot = settling.look(look) { loaded.append(snapshot) }
        }
        #expect(loaded == [Self.edited])
    }

    @Test("a file that is gone for a while and comes back unchanged loads nothing")
    func backUnchanged() {
        var settling = FixtureWatcher.Settling(loaded: Self.served, looks: 3)
        for look in [Self.withoutLogin, Self.withoutLogin, Self.served, Self.withoutLogin, Self.served, Self.served, Self.served] {
            #expect(settling.look(look) == nil)
        }
        #expect(settling.loaded == Self.served)
    }

    @Test("a file that stays gone is loaded as gone once settled, and the warning names it and its service")
    func deletionWarns() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-watcher-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for service in ["usertoken", "wice"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(service), to: folder.appendingPathComponent(service))
        }
        let fixtures = try FixtureLoader.load(from: [folder])
        #expect(FixtureWatcher.disappearances(from: fixtures, watching: [folder]).isEmpty)

        let bump = folder.appendingPathComponent("usertoken/bump.json")
        try FileManager.default.removeItem(at: bump)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("wice/service.json"))
        #expect(
            FixtureWatcher.disappearances(from: fixtures, watching: [folder]) == [
                "Warning: \(bump.path) disappeared; its routes are no longer served",
                "Warning: \(folder.appendingPathComponent("wice/service.json").path) disappeared; service wice is no longer served",
            ]
        )
        #expect(
            FixtureWatcher.disappearances(from: fixtures, watching: [source]).isEmpty,
            "files outside the watched folders are not ours to warn about"
        )
    }
}

public import Foundation

/// Where the fixtures that ship with AuthStub (`wice`, `usertoken`) are on this machine.
///
/// SwiftPM copies the package's top-level `fixtures/` folder next to every product that links
/// this target, as a resource bundle; nothing needs copying by hand. The bundle is looked up
/// here rather than through the generated `Bundle.module`, which calls `fatalError` when the
/// bundle is missing: a test helper must never kill its host process. If no bundle is found
/// (a binary moved without its bundle), the package's own source checkout is used.
public enum BundledFixtures {
    /// The folder holding one folder per bundled service, or nil when it cannot be found.
    public static var directory: URL? {
        for candidate in bundleCandidates() {
            let folder = candidate.appendingPathComponent("fixtures")
            if isServiceRoot(folder) { return folder }
        }
        let checkout = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // AuthStubFixtures
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // the package
            .appendingPathComponent("fixtures")
        return isServiceRoot(checkout) ? checkout : nil
    }

    /// Resource bundles of this target next to the running executable, the test bundle, or
    /// the main bundle's resources (`<package>_AuthStubFixtures.resources` on Linux,
    /// `….bundle` on Apple platforms, possibly with `Contents/Resources` inside).
    private static func bundleCandidates() -> [URL] {
        let manager = FileManager.default
        var places: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let resources = Bundle.main.resourceURL { places.append(resources) }
        if let executable = Bundle.main.executableURL { places.append(executable.deletingLastPathComponent()) }
        places += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        var bundles: [URL] = []
        for place in places {
            let children = (try? manager.contentsOfDirectory(at: place, includingPropertiesForKeys: nil)) ?? []
            for child in children
            where child.lastPathComponent.hasSuffix("_AuthStubFixtures.resources")
                || child.lastPathComponent.hasSuffix("_AuthStubFixtures.bundle")
            {
                bundles.append(child)
                bundles.append(child.appendingPathComponent("Contents/Resources"))
            }
        }
        return bundles
    }

    private static func isServiceRoot(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("wice/service.json").path)
    }
}

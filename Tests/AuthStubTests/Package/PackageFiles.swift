import Foundation

/// The package's own files, read by tests that check the sources and the docs as text.
enum PackageFiles {
    /// The package's root folder (this file is `Tests/AuthStubTests/Package/…`).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The text of the file at `path` under the root.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The paths under `folder` (relative to the root) whose names end in `suffix`, sorted.
    static func paths(under folder: String, endingWith suffix: String) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var found: [String] = []
        for case let file as URL in walker where file.lastPathComponent.hasSuffix(suffix) {
            found.append(folder + "/" + file.path.dropFirst(base.path.count + 1))
        }
        return found.sorted()
    }
}

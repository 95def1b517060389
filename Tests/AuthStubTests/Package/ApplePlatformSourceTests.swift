import Foundation
import Testing

/// Nothing here compiles for Darwin, so what keeps the libraries building for iOS and tvOS is
/// checked on their sources: no API those platforms lack, and the C library imported in one
/// folder only.
@Suite("Package: the libraries build for iOS and tvOS")
struct ApplePlatformSourceTests {
    /// The targets an iOS or tvOS test target links.
    static let libraryFolders = ["Sources/StubHTTP", "Sources/AuthStub", "Sources/AuthStubTesting", "Sources/AuthStubFixtures"]
    /// The one folder that imports a C library (Glibc or Darwin).
    static let platformFolder = "Sources/StubHTTP/Platform/"

    /// The code of a Swift file: each line with any `//` comment cut off.
    static func code(_ path: String) throws -> [(number: Int, text: String)] {
        try PackageFiles.text(path).split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            let text = line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line)
            return (index + 1, text)
        }
    }

    static var librarySources: [String] {
        libraryFolders.flatMap { PackageFiles.paths(under: $0, endingWith: ".swift") }
    }

    @Test("Package.swift declares iOS and tvOS beside macOS")
    func declaredPlatforms() throws {
        let manifest = try PackageFiles.text("Package.swift")
        for platform in [".macOS(", ".iOS(", ".tvOS("] {
            #expect(manifest.contains(platform), "Package.swift lacks \(platform)")
        }
    }

    @Test("No library source starts processes, which iOS and tvOS cannot")
    func noProcesses() throws {
        let sources = Self.librarySources
        #expect(sources.count > 100, "found only \(sources.count) sources under \(PackageFiles.root.path)")
        let missing = ["Process(", "Process.", "posix_spawn", "fork(", "execv", "system(", "NSTask", "import AppKit", "import UIKit"]
        for path in sources {
            for line in try Self.code(path) {
                for name in missing where line.text.contains(name) {
                    Issue.record("\(path):\(line.number) uses \(name): \(line.text)")
                }
            }
        }
    }

    @Test("Only StubHTTP/Platform imports a C library, and no library code is for macOS alone")
    func platformDifferencesInOnePlace() throws {
        for path in Self.librarySources {
            let inPlatform = path.hasPrefix(Self.platformFolder)
            for line in try Self.code(path) {
                let text = line.text
                if !inPlatform, ["import Glibc", "import Darwin", "canImport(Glibc)", "canImport(Darwin)"].contains(where: text.contains) {
                    Issue.record("\(path):\(line.number) names the C library outside \(Self.platformFolder): \(text)")
                }
                // `os(macOS)` alone would leave iOS and tvOS out: Darwin is told by `canImport(Darwin)`.
                if text.contains("os(macOS)") || text.contains("os(iOS)") || text.contains("os(tvOS)") {
                    Issue.record("\(path):\(line.number) branches on one Apple system: \(text)")
                }
            }
        }
    }
}

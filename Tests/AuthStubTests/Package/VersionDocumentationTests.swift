import AuthStub
import Foundation
import Testing

/// The version is written once, in `AuthStubVersion.current`; every install line and sample of
/// the docs that names a version must name that one, and the release notes must have its section.
@Suite("Package: one version, and the docs name it")
struct VersionDocumentationTests {
    /// The README and every article of every DocC catalog.
    static var documents: [String] {
        ["README.md"] + PackageFiles.paths(under: "Sources", endingWith: ".md")
    }

    /// Each `X.Y.Z` in `text` right after one of `prefixes`.
    static func versions(in text: String, after prefixes: [String]) -> [String] {
        prefixes.flatMap { prefix in
            text.components(separatedBy: prefix).dropFirst().map { rest in
                String(rest.prefix { $0.isNumber || $0 == "." })
            }
        }
    }

    @Test("The version is a Semantic Versioning 2.0.0 release: three numbers, no leading zeros")
    func semanticVersion() {
        let parts = AuthStubVersion.current.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3, "\(AuthStubVersion.current)")
        for part in parts {
            #expect(!part.isEmpty && part.allSatisfy(\.isNumber) && (part == "0" || !part.hasPrefix("0")), "\(AuthStubVersion.current)")
        }
    }

    @Test("Install lines (from:) and sample banners in the README and the articles name the current version")
    func documentsNameTheVersion() throws {
        let documents = Self.documents
        #expect(documents.count > 20, "found only \(documents.count) documents")
        var seen = 0
        for path in documents {
            let text = try PackageFiles.text(path)
            for version in Self.versions(in: text, after: ["from: \"", "AuthStub ", "authstub "]) where version.contains(".") {
                seen += 1
                #expect(version == AuthStubVersion.current, "\(path) names \(version), not \(AuthStubVersion.current)")
            }
        }
        #expect(seen >= 4, "only \(seen) versions named in the docs: the install lines are gone?")
    }

    @Test("The release notes' first version section is the current version")
    func releaseNotesStartWithTheVersion() throws {
        let notes = try PackageFiles.text("Sources/AuthStub/AuthStub.docc/ReleaseNotes.md")
        let sections = notes.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { $0.dropFirst(3) }
        let versions = sections.filter { $0.first?.isNumber == true }
        #expect(versions.first.map(String.init) == AuthStubVersion.current, "sections: \(sections)")
    }
}

import Foundation
import Testing

/// Every Swift snippet in the README and the DocC articles is code that runs: each is found,
/// line for line, in the test file that runs it, or is listed in `notRun` with the reason. A
/// snippet edited in a doc and not in its test, or the other way round, fails here; so does a
/// new snippet that is in neither list.
@Suite("Docs: every Swift snippet runs in a test")
struct DocSnippetTests {
    /// A snippet of `doc`, known by a line that contains `marker`, and the test file that runs
    /// it. The snippet's lines must appear in `test` one after another; an `excerpt` may leave
    /// lines of the test file out between them. Indentation and blank lines do not count.
    struct RunSnippet: Sendable, CustomTestStringConvertible {
        var doc: String
        var marker: String
        var test: String
        var excerpt = false
        var testDescription: String { "\(doc): \(marker)" }
    }

    /// A snippet that no test runs, and why.
    struct SnippetNotRun: Sendable {
        var doc: String
        var marker: String
        var reason: String
    }

    static let testing = "Sources/AuthStubTesting/AuthStubTesting.docc/"
    static let stub = "Sources/AuthStub/AuthStub.docc/"
    static let tests = "Tests/AuthStubTestingTests/"

    static let run: [RunSnippet] = [
        RunSnippet(doc: "README.md", marker: "@Suite(.authStub)", test: tests + "GettingStartedQuickStartTests.swift", excerpt: true),
        RunSnippet(doc: "README.md", marker: "final class AuthFlowXCTests", test: tests + "GettingStartedQuickStartXCTests.swift", excerpt: true),
        RunSnippet(doc: "README.md", marker: "// the next request gets 401", test: tests + "DocExampleTests.swift"),
        RunSnippet(doc: testing + "GettingStarted.md", marker: "@Suite(.authStub)", test: tests + "GettingStartedQuickStartTests.swift"),
        RunSnippet(doc: testing + "GettingStarted.md", marker: "final class AuthFlowXCTests", test: tests + "GettingStartedQuickStartXCTests.swift"),
        RunSnippet(doc: testing + "SocketFreeTransport.md", marker: "// no socket", test: tests + "DocExampleTests.swift"),
        RunSnippet(doc: stub + "AuthStub.md", marker: "AuthStubServer.start()", test: tests + "DocExampleTests.swift"),
        RunSnippet(doc: stub + "ControlAPI.md", marker: "func retriesAfter503()", test: tests + "ControlAPIExampleTests.swift"),
        RunSnippet(doc: stub + "Architecture.md", marker: "let server = HTTPServer", test: tests + "DocExampleTests.swift"),
        RunSnippet(doc: stub + "Changes.md", marker: "let server = HTTPServer(answering:", test: tests + "DocExampleTests.swift"),
        RunSnippet(
            doc: stub + "TestingAnOAuthClient.md",
            marker: "func refreshesAnExpiredAccessToken()",
            test: tests + "OAuthArticleExampleTests.swift"
        ),
        RunSnippet(doc: stub + "TestingAnOAuthClient.md", marker: "func retriesARefreshThatFailed()", test: tests + "OAuthArticleExampleTests.swift"),
        RunSnippet(
            doc: stub + "CheckingWhatYourClientDoes.md",
            marker: "func refreshesOnceAndForgetsEndedTokens()",
            test: tests + "CheckingArticleExampleTests.swift"
        ),
        RunSnippet(
            doc: stub + "CheckingWhatYourClientDoes.md",
            marker: "func aRetryLoopIsCaught()",
            test: tests + "CheckingArticleExampleTests.swift"
        ),
    ]

    static let notRun: [SnippetNotRun] = [
        SnippetNotRun(
            doc: "README.md",
            marker: "// Package.swift",
            reason: "a manifest fragment; .ci/check-consumer-package.sh builds a package that depends on this checkout by path"
        ),
        SnippetNotRun(
            doc: testing + "GettingStarted.md",
            marker: "// Package.swift",
            reason: "the same manifest fragment as the README's"
        ),
        SnippetNotRun(
            doc: stub + "ReleaseNotes.md",
            marker: ".package(url:",
            reason: "one manifest line; VersionDocumentationTests checks the version it names"
        ),
        SnippetNotRun(
            doc: stub + "ControlAPI.md",
            marker: "let control = ControlClient(",
            reason: "it needs a server in another process on port 8080; every control test also runs through ControlClient (ControlTestSupport)"
        ),
    ]

    @Test("a run snippet matches its test file", arguments: run)
    func snippetMatchesItsTest(_ snippet: RunSnippet) throws {
        let blocks = try Self.swiftBlocks(in: snippet.doc).filter { $0.contains { $0.contains(snippet.marker) } }
        try #require(blocks.count == 1, "\(snippet.doc) has \(blocks.count) Swift snippets with a line containing \(snippet.marker)")
        let wanted = Self.significant(blocks[0])
        let source = Self.significant(try Self.lines(of: snippet.test))
        if snippet.excerpt {
            var rest = source[...]
            for line in wanted {
                let found = rest.firstIndex(of: line)
                #expect(found != nil, "\(snippet.test) has no line, after the ones before it, reading: \(line)")
                guard let found else { return }
                rest = rest[(found + 1)...]
            }
        } else {
            let found = source.indices.contains { start in
                source[start...].starts(with: wanted)
            }
            #expect(found, "\(snippet.test) does not hold the snippet of \(snippet.doc) line for line: \(wanted.joined(separator: "\n"))")
        }
    }

    @Test("every Swift snippet in the docs is run by a test or listed as not run")
    func everySnippetIsAccountedFor() throws {
        let docs = try Self.docs()
        #expect(docs.contains("README.md") && docs.contains(Self.stub + "AuthStub.md") && docs.contains(Self.testing + "AuthStubTesting.md"))
        for doc in docs {
            let markers = Self.run.filter { $0.doc == doc }.map(\.marker) + Self.notRun.filter { $0.doc == doc }.map(\.marker)
            for block in try Self.swiftBlocks(in: doc) {
                let known = markers.contains { marker in block.contains { $0.contains(marker) } }
                #expect(known, "\(doc) has a Swift snippet that no test runs and notRun does not list: \(block.first ?? "")")
            }
        }
    }

    // MARK: Reading the docs

    /// The package's root folder, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func lines(of path: String) throws -> [String] {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8).components(separatedBy: "\n")
    }

    /// README.md and every article of every DocC catalog under Sources/.
    static func docs() throws -> [String] {
        var docs = ["README.md"]
        let fileManager = FileManager.default
        for target in try fileManager.contentsOfDirectory(atPath: root.appendingPathComponent("Sources").path).sorted() {
            let targetPath = "Sources/\(target)"
            for catalog in (try? fileManager.contentsOfDirectory(atPath: root.appendingPathComponent(targetPath).path)) ?? []
            where catalog.hasSuffix(".docc") {
                let catalogPath = "\(targetPath)/\(catalog)"
                let articles = try fileManager.contentsOfDirectory(atPath: root.appendingPathComponent(catalogPath).path)
                docs += articles.filter { $0.hasSuffix(".md") }.sorted().map { "\(catalogPath)/\($0)" }
            }
        }
        return docs
    }

    /// The lines of each ```swift fenced block in `doc`.
    static func swiftBlocks(in doc: String) throws -> [[String]] {
        var blocks: [[String]] = []
        var current: [String]?
        for line in try lines(of: doc) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil {
                if trimmed == "```swift" { current = [] }
            } else if trimmed == "```" {
                blocks.append(current ?? [])
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// Lines without their indentation and trailing spaces, blank ones left out.
    static func significant(_ lines: [String]) -> [String] {
        lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

import Foundation

@testable import AuthStub

/// The repository's `fixtures/` folder.
let repositoryFixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures")

/// Copies the bundled fixtures into `folder` and applies `edits`: file (relative to the
/// fixtures folder) → (text to find, replacement). Fails when a text is not there, so an edit
/// can never silently miss.
func copyFixtures(to folder: URL, editing edits: [(file: String, find: String, replace: String)]) throws {
    for service in ["wice", "usertoken"] {
        try FileManager.default.copyItem(
            at: repositoryFixtures.appendingPathComponent(service),
            to: folder.appendingPathComponent(service)
        )
    }
    for edit in edits {
        let file = folder.appendingPathComponent(edit.file)
        let text = try String(contentsOf: file, encoding: .utf8)
        guard text.contains(edit.find) else { throw ContractTransportError("\(edit.file) has no \(edit.find)") }
        try Data(text.replacingOccurrences(of: edit.find, with: edit.replace).utf8).write(to: file)
    }
}

extension FixtureSet {
    /// The seed services only: replaying oauth2's documented requests needs its flows (issue 17).
    var seedsOnly: FixtureSet { FixtureSet(services: services.filter { Bundled.seedServices.contains($0.name) }) }
}

extension ContractReport {
    /// The check of `service/endpoint#example`.
    func check(_ exampleName: String) -> ContractCheck? {
        checks.first { $0.exampleName == exampleName }
    }
}

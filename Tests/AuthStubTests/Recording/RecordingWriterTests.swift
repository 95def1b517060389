import Foundation
import Testing

@testable import AuthStub

/// The folder the recorder writes: replaced on a second save, others refused, clear errors; and
/// the report as the CLI and the control API give it.
@Suite("Recording: the written folder and the report")
struct RecordingWriterTests {
    static let exchanges = [
        exchange("GET", "/health", status: 200, response: #"{"up":true}"#),
        exchange("GET", "/version", status: 200, response: #"{"v":"1.2"}"#, at: 1),
    ]

    @Test("a second save replaces the recorder's own folder, its old files gone")
    func secondSave() throws {
        try withTemporaryFolderSync { folder in
            _ = try RecordingWriter.write(Self.exchanges, refused: 0, to: folder, options: RecordingOptions(service: "api"))
            let report = try RecordingWriter.write(Array(Self.exchanges.prefix(1)), refused: 3, to: folder, options: RecordingOptions(service: "api"))
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("api").path)
            #expect(Set(files) == ["service.json", "get-health.json"])
            #expect(report.files == ["service.json", "get-health.json"])
            #expect(report.folder == folder.appendingPathComponent("api").path)
            #expect(report.lines().contains("The recording was full: 3 later exchanges were not recorded."))
        }
    }

    @Test("a folder the recorder did not write, a file in the way, an empty recording, a bad name: refused with a sentence")
    func refusals() throws {
        try withTemporaryFolderSync { folder in
            try write(#"{"kind":"service","name":"api","source":{"seed":"handmade.txt"}}"#, to: "api/service.json", in: folder)
            #expect(throws: RecordingWriteError.self) {
                try RecordingWriter.write(Self.exchanges, refused: 0, to: folder, options: RecordingOptions(service: "api"))
            }
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("api/service.json").path))
            try write("x", to: "file", in: folder)
            let errors: [(RecordingOptions, [ProxiedExchange], String)] = [
                (RecordingOptions(service: "api"), Self.exchanges, "already holds files the recorder did not write"),
                (RecordingOptions(service: "file"), Self.exchanges, "is a file, not a folder"),
                (RecordingOptions(service: "new"), [], "holds no exchanges yet"),
                (RecordingOptions(service: "../up"), Self.exchanges, "must be one word"),
            ]
            for (options, exchanges, sentence) in errors {
                do throws(RecordingWriteError) {
                    _ = try RecordingWriter.write(exchanges, refused: 0, to: folder, options: options)
                    Issue.record("\(options.service) was written")
                } catch {
                    #expect(error.reason.contains(sentence), "\(error.reason)")
                }
            }
        }
    }

    @Test("the report as control API JSON reads back the same")
    func reportJSON() throws {
        let report = RecordingReport(
            folder: "/tmp/out/api",
            files: ["service.json", "get-health.json"],
            scrubbed: ["get-health.json: tokens in 1 place → {{token}} or {{refreshToken}}"],
            users: [RecordingReport.User(list: "users", username: "ann", password: "Ab3dEf6hIj9lMn2p", kept: false)],
            interpretations: ["GET /health is public: no token came back to it"],
            exchanges: 2,
            refused: 0
        )
        #expect(report.json["users"]?.arrayValue?.first?["password"]?.stringValue == "Ab3dEf6hIj9lMn2p")
        #expect(try RecordingReport.decode(report.json, strict: true) == report)
    }
}

/// A temporary folder for a synchronous test, removed after `body`.
func withTemporaryFolderSync<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

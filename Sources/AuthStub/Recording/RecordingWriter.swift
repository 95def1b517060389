package import Foundation

/// Writes a recording as a fixture folder, `<folder>/<service>/`: `service.json` and one file
/// per endpoint (`FixtureSynthesis`), pretty-printed. Writing again replaces the files of a
/// folder the recorder wrote before (its `service.json`'s `source.seed` starts with
/// `recorded from`); a folder holding anything else is refused. Nothing is written when a file
/// would still hold a secret.
package enum RecordingWriter {
    /// What a recorded folder's `source.seed` starts with.
    static let seedPrefix = "recorded from "

    /// Writes `exchanges` (`refused` more did not fit the recording) into `folder`/`options.service`.
    package static func write(
        _ exchanges: [ProxiedExchange],
        refused: Int,
        to folder: URL,
        options: RecordingOptions
    ) throws(RecordingWriteError) -> RecordingReport {
        guard !exchanges.isEmpty else { throw RecordingWriteError("the recording holds no exchanges yet: nothing to write") }
        let name = options.service
        guard !name.isEmpty, name.utf8.count <= 64,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else {
            throw RecordingWriteError("the service name \"\(name.prefix(64))\" must be one word of letters, digits, - or _ (at most 64)")
        }
        let synthesis = FixtureSynthesis(exchanges, options: options)
        let documents = [synthesis.service] + synthesis.endpoints
        for document in documents {
            if synthesis.scrubber.leaks(in: recorded(document.json).serialized()) {
                throw RecordingWriteError("\(document.file) would still hold a secret the recorder could not replace: nothing was written")
            }
        }
        let serviceFolder = folder.appendingPathComponent(name, isDirectory: true)
        try prepare(serviceFolder)
        for document in documents {
            let text = document.json.prettyPrinted() + "\n"
            do {
                try Data(text.utf8).write(to: serviceFolder.appendingPathComponent(document.file), options: .atomic)
            } catch {
                throw RecordingWriteError(
                    "could not write \(serviceFolder.appendingPathComponent(document.file).path): \(error.localizedDescription)"
                )
            }
        }
        return RecordingReport(
            folder: serviceFolder.path,
            files: documents.map(\.file),
            scrubbed: synthesis.scrubbed,
            users: synthesis.users,
            interpretations: synthesis.interpretations + synthesis.endpointNotes,
            exchanges: exchanges.count,
            refused: refused
        )
    }

    /// The parts of `document` copied from the exchanges, where a secret could be left: paths,
    /// sources, request examples, matches, and the responses' headers and bodies (the
    /// `errors` shape's too). Not the recorder's own words (`when`, `reason`, `interpretations`
    /// …), where a password such as `wrong` or `secret` would be found by chance, nor `users`,
    /// whose passwords are meant to be there (new ones, or with `keepCredentials` the recorded
    /// ones).
    private static func recorded(_ document: JSONValue) -> JSONValue {
        let copied: Set<String> = ["path", "source", "request", "match", "headers", "body", "documentedBody", "errors"]
        switch document {
        case .object(let members):
            var kept = JSONObject()
            for member in members where copied.contains(member.key) { kept[member.key] = member.value }
            if let responses = members["responses"] { kept["responses"] = recorded(responses) }
            return .object(kept)
        case .array(let elements):
            return .array(elements.map(recorded))
        default:
            return document
        }
    }

    /// Checks that `folder` may be written: absent, empty, or a folder the recorder wrote
    /// (`authstub record` checks this before it starts, so that no recording is made for a
    /// folder it could not write).
    package static func checkDestination(_ folder: URL) throws(RecordingWriteError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw RecordingWriteError("\(folder.path) is a file, not a folder: choose another --out or --service") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard !entries.isEmpty else { return }
        let service = folder.appendingPathComponent("service.json")
        let seed = (try? Data(contentsOf: service)).flatMap { try? JSONValue.parse([UInt8]($0)) }?["source"]?["seed"]?.stringValue
        guard seed?.hasPrefix(seedPrefix) == true, entries.allSatisfy({ $0.hasSuffix(".json") }) else {
            throw RecordingWriteError(
                "\(folder.path) already holds files the recorder did not write (no service.json recorded from an upstream, or files other than .json): choose another --out or --service"
            )
        }
    }

    /// Makes `folder` ready: created when absent; when it is a folder the recorder wrote, its
    /// JSON files removed; anything else refused.
    private static func prepare(_ folder: URL) throws(RecordingWriteError) {
        try checkDestination(folder)
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder.path) else {
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw RecordingWriteError("could not create \(folder.path): \(error.localizedDescription)")
            }
            return
        }
        for entry in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] {
            do {
                try manager.removeItem(at: folder.appendingPathComponent(entry))
            } catch {
                throw RecordingWriteError("could not replace \(folder.appendingPathComponent(entry).path): \(error.localizedDescription)")
            }
        }
    }
}

/// How `RecordingWriter` turns a recording into a fixture folder.
package struct RecordingOptions: Sendable, Equatable {
    /// The service's name: the folder's name and `service.json`'s `name` (a single word:
    /// letters, digits, `-` or `_`).
    package var service: String
    /// Write the passwords the recorded users logged in with, in place of new random ones
    /// (for a folder kept private).
    package var keepCredentials = false
    /// Further field names whose values are replaced by `[scrubbed]` wherever they occur in a
    /// body, header or cookie written (compared as the journal compares names: case, `-` and
    /// `_` ignored).
    package var scrubFields: [String] = []

    /// Options for the service `service`.
    package init(service: String, keepCredentials: Bool = false, scrubFields: [String] = []) {
        self.service = service
        self.keepCredentials = keepCredentials
        self.scrubFields = scrubFields
    }
}

/// Why a recording could not be written: a sentence naming the folder or file.
package struct RecordingWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence.
    package var reason: String

    /// An error saying `reason`.
    package init(_ reason: String) { self.reason = reason }

    /// The sentence.
    package var description: String { reason }
}

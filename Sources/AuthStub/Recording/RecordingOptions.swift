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
    /// Makes each user's new password from their name (`FixtureSynthesis.newPassword`), so
    /// that every save of one recording gives a user the same password: random for each
    /// options value.
    package var passwordKey: [UInt8]

    /// Options for the service `service`, with a new random `passwordKey`.
    package init(service: String, keepCredentials: Bool = false, scrubFields: [String] = []) {
        self.service = service
        self.keepCredentials = keepCredentials
        self.scrubFields = scrubFields
        var generator = SystemRandomNumberGenerator()
        passwordKey = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
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

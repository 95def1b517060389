/// What `RecordingWriter` wrote and what it inferred, for the person who recorded: the CLI
/// prints `lines()`, the control API answers `json`.
package struct RecordingReport: Sendable, Equatable {
    /// A user the written folder lets log in.
    package struct User: Sendable, Equatable {
        /// The account list (`users`).
        package var list: String
        /// The username, as recorded.
        package var username: String
        /// Its password in the folder: a new random one, or the one recorded with
        /// `keepCredentials`.
        package var password: String
        /// Whether `password` is the recorded one.
        package var kept: Bool
    }

    /// The service folder written (`<out>/<service>`).
    package var folder: String
    /// The files written, by name, `service.json` first.
    package var files: [String]
    /// What was replaced where, one sentence each (names, never values).
    package var scrubbed: [String]
    /// The users and their passwords.
    package var users: [User]
    /// Each inference with its evidence, and what could not be written.
    package var interpretations: [String]
    /// The exchanges turned into fixtures.
    package var exchanges: Int
    /// The exchanges the recording refused when it was full.
    package var refused: Int

    /// The report as the CLI prints it, one line each.
    package func lines() -> [String] {
        var lines = ["Wrote \(files.count) files to \(folder) from \(exchanges) exchanges."]
        if refused > 0 { lines.append("The recording was full: \(refused) later exchanges were not recorded.") }
        if !users.isEmpty {
            lines.append("Users:")
            lines += users.map { user in
                let list = user.list == CredentialCheck.userList ? "" : "\(user.list): "
                return "  \(list)\(user.username) / \(user.password)" + (user.kept ? " (as recorded)" : " (new password)")
            }
        }
        if !scrubbed.isEmpty {
            lines.append("Scrubbed:")
            lines += scrubbed.map { "  " + $0 }
        }
        if !interpretations.isEmpty {
            lines.append("Interpretations:")
            lines += interpretations.map { "  " + $0 }
        }
        return lines
    }
}

extension RecordingReport: ControlModel {
    enum Field: String, ControlField {
        case folder, files, scrubbed, users, interpretations, exchanges, refused

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .folder: .string("The folder written.").required
            case .files: .strings("The files written.")
            case .scrubbed: .strings("What was scrubbed from them.")
            case .users: .models(RecordingReport.User.self, "The users found in the recording.")
            case .interpretations: .strings("How the recording was read.")
            case .exchanges: .integer("Exchanges saved.")
            case .refused: .integer("Exchanges refused because the recording was full.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            folder: try fields.requiredString(.folder),
            files: try fields.strings(.files),
            scrubbed: try fields.strings(.scrubbed),
            users: try fields.models(.users, as: User.self),
            interpretations: try fields.strings(.interpretations),
            exchanges: try fields.int(.exchanges) ?? 0,
            refused: try fields.int(.refused) ?? 0
        )
    }

    var object: ControlObject<Field> {
        [
            .folder: .string(folder), .files: .array(files.map(JSONValue.string)), .scrubbed: .array(scrubbed.map(JSONValue.string)),
            .users: .array(users.map(\.json)), .interpretations: .array(interpretations.map(JSONValue.string)),
            .exchanges: .int(exchanges), .refused: .int(refused),
        ]
    }
}

extension RecordingReport.User: ControlModel {
    enum Field: String, ControlField {
        case list, username, password, kept

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .list: .string("The user list they went to.")
            case .username: .string("The username.").required
            case .password: .string("The password, redacted.").required
            case .kept: .boolean("Whether the real password was kept.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            list: try fields.string(.list) ?? CredentialCheck.userList,
            username: try fields.requiredString(.username),
            password: try fields.requiredString(.password),
            kept: try fields.bool(.kept) ?? false
        )
    }

    var object: ControlObject<Field> {
        [.list: .string(list), .username: .string(username), .password: .string(password), .kept: .bool(kept)]
    }
}

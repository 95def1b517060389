import AuthStub
import Foundation

/// What the command line asked for, after parsing.
enum Command: Equatable {
    /// `authstub` or `authstub serve …`.
    case serve(ServeOptions)
    /// `authstub record --target URL …`.
    case record(RecordOptions)
    /// `authstub validate [DIR]…`; no folders: the bundled fixtures.
    case validate([String])
    /// `authstub verify --base-url URL …`.
    case verify(VerifyOptions)
    /// `authstub openapi [--fixtures DIR]…`; no folders: the bundled fixtures.
    case openapi([String])
    /// `authstub openapi --control`: the control API's OpenAPI document.
    case controlOpenAPI
    /// `authstub schema`: the fixture JSON Schema.
    case schema
    /// `--help`, `-h` or `help`.
    case help
    /// `--version`.
    case version
}

/// How request lines are printed.
enum LogFormat: String, Equatable {
    case text
    case json
}

/// The flags of `authstub serve`.
struct ServeOptions: Equatable {
    var host = "127.0.0.1"
    var port = AuthStubServer.commandLinePort
    /// Fixture folders; the word `bundled` stands for the fixtures that ship with AuthStub.
    /// Empty: the bundled fixtures.
    var fixtures: [String] = []
    var seed: UInt64?
    var logFormat = LogFormat.text
    var quiet = false
    var exampleHeader = true
    /// Required on control requests; nil: generated when bound beyond loopback.
    var controlToken: String?
    /// `--cors-origin`: origins allowed from browsers; empty: API routes reflect any origin.
    var corsOrigins: [String] = []
    /// `--watch`: reload fixture folders when their files change.
    var watch = false
    /// `--keep-secrets`: journal credentials, passwords and tokens as sent.
    var keepSecrets = false
    /// `--journal-entries`: entries the journal keeps; nil: the server's default.
    var journalEntries: Int?
    /// `--journal-bytes`: bytes the journal keeps; nil: the server's default.
    var journalBytes: Int?
    /// `--journal-entry-bytes`: bytes of header values and body one entry keeps; nil: the
    /// server's default.
    var journalEntryBytes: Int?
    /// `--token-limit`: live tokens the server holds at most; nil: the library's default.
    var tokenLimit: Int?
    /// `--token-limit-per-user`: live tokens one user of one service holds at most.
    var tokenLimitPerUser: Int?
    /// `--issuer`: the issuer URL; nil: the server's URL as bound.
    var issuer: String?
    /// `--proxy-unmatched`: where requests no fixture matches are forwarded; nil: nowhere.
    var proxyUnmatched: URL?
    /// `--proxy-timeout`: how long one forward may take; nil: the library's default (30 s).
    var proxyTimeout: Duration?
}

/// A command line that cannot be run; printed as `Error: …` with exit status 64.
struct UsageError: Error, Equatable, CustomStringConvertible {
    let message: String
    var description: String { message }
}

import AuthStub
import Foundation

/// The flags of `authstub record`: where to forward and write, plus `serve`'s flags for the
/// server in front (`--host`, `--port`, `--log-format`, `--quiet`, `--proxy-timeout`, …).
struct RecordOptions: Equatable {
    /// `--target`: the server every request is forwarded to.
    var target: URL
    /// `--out`: the folder the service folder is written into.
    var out = "recorded"
    /// `--service`: the service's name, and its folder's; default: from the target's host.
    var service: String
    /// `--keep-credentials`: write the passwords seen, not new ones.
    var keepCredentials = false
    /// `--scrub`: more field names whose values are never written.
    var scrubFields: [String] = []
    /// `--record-limit`: bytes the recording holds at most; nil: the library's default.
    var limitBytes: Int?
    /// The server in front, as `serve` takes it (no fixtures of its own).
    var serve: ServeOptions
}

extension CommandLineParser {
    /// `record` flags; the ones `serve` also takes are parsed as `serve` parses them, and those
    /// about fixtures are refused (the recorder serves none).
    static func parseRecord(_ arguments: ArraySlice<String>, environment: [String: String]) throws(UsageError) -> RecordOptions {
        var target: URL?
        var out: String?
        var service: String?
        var keepCredentials = false
        var scrubFields: [String] = []
        var limitBytes: Int?
        var serve = try parseServe(arguments, environment: environment) { (flag, value) throws(UsageError) in
            switch flag {
            case "--target": target = try parseProxyURL(try value(), source: "--target")
            case "--out": out = try value()
            case "--service": service = try parseServiceName(try value())
            case "--keep-credentials": keepCredentials = true
            case "--scrub": scrubFields.append(try value())
            case "--record-limit": limitBytes = try parseSize(try value(), source: "--record-limit", minimum: 1024, units: true)
            case "--fixtures", "--watch", "--proxy-unmatched", "--seed":
                throw UsageError(message: "record serves no fixtures of its own, so it takes no \(flag) (see 'authstub --help')")
            default: return false
            }
            return true
        }
        guard let target else { throw UsageError(message: "record needs --target <url>, the server to record") }
        let name: String
        if let service { name = service } else { name = try defaultServiceName(target) }
        serve.fixtures = []
        serve.proxyUnmatched = nil
        return RecordOptions(
            target: target,
            out: out ?? "recorded",
            service: name,
            keepCredentials: keepCredentials,
            scrubFields: scrubFields,
            limitBytes: limitBytes,
            serve: serve
        )
    }

    /// A service name: one word of letters, digits, `-` or `_`, at most 64 bytes.
    private static func parseServiceName(_ text: String) throws(UsageError) -> String {
        guard !text.isEmpty, text.utf8.count <= 64, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else {
            throw UsageError(message: "--service must be one word of letters, digits, - or _ (at most 64), not '\(text)'")
        }
        return text
    }

    /// The target's host as a service name: `staging.acme.test` → `staging-acme-test`.
    private static func defaultServiceName(_ target: URL) throws(UsageError) -> String {
        let host = target.host ?? ""
        let name = String(host.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }.prefix(64))
        return try parseServiceName(name.isEmpty ? "recorded" : name)
    }
}

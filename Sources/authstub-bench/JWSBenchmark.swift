import AuthStub
import Foundation

/// `authstub-bench jws [--keys FILE]`: what a JWS costs with each signing key of a JWK Set (private
/// members included; by default the keys shipped in `fixtures/oauth2/service.json`, whose
/// `signingKeys` member is one; a file holding a JWK Set itself works too): reading the key from its
/// JWK (with its consistency checks), signing an access token's header and claims (RFC 9068's
/// shape, about 300 bytes), and verifying the result against the published key. Medians and
/// p90s in microseconds of the thread's CPU time (what the work costs, whatever else the
/// machine runs); build with `-c release` for meaningful figures.
enum JWSBenchmark {
    /// The flags.
    struct Options {
        var keys = shippedKeys
        var runs = 200

        static let usage = "usage: authstub-bench jws [--keys JWK-SET-OR-SERVICE-FILE] [--runs N]"

        /// The `oauth2` service's file in this checkout (the benchmark runs from one).
        static let shippedKeys = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // authstub-bench
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // the package
            .appendingPathComponent("fixtures/oauth2/service.json").path

        /// Reads the flags; nil for an unknown flag, an empty path or a count that is not positive.
        init?(_ arguments: [String]) {
            var rest = arguments[...]
            while let flag = rest.popFirst() {
                guard let value = rest.popFirst() else { return nil }
                switch flag {
                case "--keys": keys = value
                case "--runs":
                    guard let count = Int(value), count > 0 else { return nil }
                    runs = count
                default: return nil
                }
            }
            guard !keys.isEmpty else { return nil }
        }
    }

    /// The claims signed: an access token as RFC 9068 §2.2 lists them.
    static let payload = Array(
        #"""
        {"iss":"http://127.0.0.1:8080","sub":"user","aud":"client","exp":1767225600,"iat":1767222000,\#
        "jti":"0f8c2b1e-6a51-4d7c-9a3e-2b5d8f1c4e7a","client_id":"client","scope":"openid profile email offline_access read"}
        """#.utf8
    )

    static func run(_ options: Options) -> Int32 {
        let jwks: [JSONObject]
        do {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: options.keys)))
            let root = try JSONValue.parse(bytes).objectValue
            let set = root?["signingKeys"]?.objectValue ?? root
            guard let keys = set?["keys"]?.arrayValue?.compactMap(\.objectValue), !keys.isEmpty else {
                FileHandle.standardError.write(
                    Data("Error: \(options.keys) holds no JWK Set ({\"keys\": [...]}, alone or as \"signingKeys\")\n".utf8)
                )
                return 1
            }
            jwks = keys
        } catch {
            FileHandle.standardError.write(Data("Error: \(options.keys): \(error)\n".utf8))
            return 1
        }
        print("JWS with the keys of \(options.keys), \(options.runs) runs each (CPU time)")
        var failed = false
        for jwk in jwks {
            let loads = measure(runs: min(options.runs, 50)) { _ = JWSKey.from(jwk: jwk) }
            guard case .success(let key) = JWSKey.from(jwk: jwk) else {
                FileHandle.standardError.write(Data("Error: a key is refused: \(JWSKey.from(jwk: jwk))\n".utf8))
                return 1
            }
            var jws = ""
            let signatures = measure(runs: options.runs) { jws = key.sign(header: ["typ": .string("at+jwt")], payload: payload) }
            let published = key.publicJWK ?? jwk
            var verified = true
            let verifications = measure(runs: options.runs) {
                if case .failure = JWSVerifier.verify(jws, keys: [published]) { verified = false }
            }
            failed = failed || !verified
            print(
                "  \(key.algorithm.rawValue) \(key.kid): sign \(summary(signatures)); verify \(summary(verifications)); read the JWK \(summary(loads))"
            )
        }
        if failed { FileHandle.standardError.write(Data("FAIL: a signature did not verify\n".utf8)) }
        return failed ? 1 : 0
    }

    /// `body` timed `runs` times, in the thread's CPU time.
    private static func measure(runs: Int, _ body: () -> Void) -> Timings {
        Timings(
            (0..<runs).map { _ in
                let began = CPUTime.thread()
                body()
                return CPUTime.thread() - began
            }
        )
    }

    private static func summary(_ timings: Timings) -> String {
        String(format: "median %.1f µs, p90 %.1f µs", Timings.microseconds(timings.at(0.5)), Timings.microseconds(timings.at(0.9)))
    }
}

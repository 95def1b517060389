import Foundation
import Testing

@testable import AuthStub

/// Token key `format`: UUID (default), `{"hex": N}`, or a prefix and random characters; served,
/// usable, deterministic with a seed.
@Suite("Token formats")
struct TokenFormatTests {
    static func files(format: String) -> [String: String] {
        [
            "api/service.json": TokenFixture.service(token: #"{ "scheme": "bearer", "format": \#(format) }"#),
            "api/login.json": TokenFixture.login(body: #"{ "token": "{{token}}" }"#),
            "api/me.json": TokenFixture.profile(),
        ]
    }

    static let cases: [(format: String, pattern: String)] = [
        (#""uuid""#, "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"),
        (#"{ "hex": 64 }"#, "^[0-9a-f]{64}$"),
        (#"{ "prefix": "sk_", "characters": "base62", "length": 32 }"#, "^sk_[0-9A-Za-z]{32}$"),
        (#"{ "characters": "base64url", "length": 43 }"#, "^[-_0-9A-Za-z]{43}$"),
    ]

    @Test("each format: the login issues a token of that shape, the token is accepted, and a seed repeats it", arguments: cases)
    func formatServedAndUsable(_ format: String, _ pattern: String) async throws {
        var tokens: [String] = []
        for _ in 0..<2 {
            try await TokenFixture.serve(Self.files(format: format)) { stub in
                let token = try #require(try await stub.apiLogin().json?["token"] as? String)
                #expect(token.range(of: pattern, options: .regularExpression) != nil, "\(token)")
                let me = try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"])
                #expect(me.status == 200)
                let minted = try await stub.mintToken(service: "api", user: "ada")
                #expect(minted.token.range(of: pattern, options: .regularExpression) != nil)
                tokens.append(token)
            }
        }
        #expect(tokens[0] == tokens[1], "the same seed gives the same token")
    }

    @Test("the random characters use the whole alphabet", arguments: [("hex", 16), ("base62", 62), ("base64url", 64)])
    func wholeAlphabet(_ name: String, _ size: Int) {
        var generator = TokenGenerator(seed: 1)
        let format = TokenFormat(prefix: "", characters: TokenFormat.Characters(rawValue: name), length: 4096)
        #expect(Set(generator.next(format)).count == size)
    }

    @Test("without a seed, 1,000 UUIDs (across many refills of the generator's 32 words) are all version 4 and all different")
    func systemUUIDs() {
        var generator = TokenGenerator(seed: nil)
        let tokens = (0..<1_000).map { _ in generator.next() }
        #expect(Set(tokens).count == 1_000)
        #expect(tokens.allSatisfy { UUID(uuidString: $0) != nil && Array($0)[14] == "4" && "89ab".contains(Array($0)[19]) })
    }

    @Test("formats that could repeat, bad prefixes and unknown alphabets are refused at load with their paths")
    func badFormatsRefused() throws {
        func problems(_ format: String) throws -> [String] {
            var reader = FixtureReader(file: "service.json")
            _ = reader.service(try JSONValue.parse(Self.files(format: format)["api/service.json"] ?? ""), directory: "api")
            return reader.problems.map { "\($0.path): \($0.reason)" }
        }
        #expect(
            try problems(#"{ "hex": 8 }"#) == ["$.token.format.hex: hex tokens need at least 16 characters (64 random bits), so they never repeat"]
        )
        #expect(try problems(#"{ "hex": 100000 }"#) == ["$.token.format.hex: must be from 1 to 256, not 100000"])
        #expect(
            try problems(#"{ "prefix": "sk live", "characters": "base62", "length": 32 }"#)
                == [#"$.token.format.prefix: a prefix is up to 64 of the characters A-Z a-z 0-9 - _ . ~, not "sk live""#]
        )
        #expect(
            try problems(#"{ "characters": "base32", "length": 32 }"#)
                == [#"$.token.format.characters: "base32" is not one of "uuid", "hex", "base62", "base64url""#]
        )
        #expect(try problems(#""jwt""#).first?.hasPrefix(#"$.token.format: "jwt" is not a format"#) == true)
    }
}

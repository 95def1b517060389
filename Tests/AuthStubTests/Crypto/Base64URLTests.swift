import Testing

@testable import AuthStub

@Suite("Base64url without padding (RFC 7515 §2, Appendix C)")
struct Base64URLTests {
    @Test(
        "RFC 4648 §10's vectors, without their padding",
        arguments: [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
        ]
    )
    func rfc4648(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded[...]) == Array(plain.utf8))
    }

    @Test("RFC 7515 Appendix C: the URL-safe characters")
    func appendixC() {
        let octets: [UInt8] = [3, 236, 255, 224, 193]
        #expect(Base64URL.encode(octets) == "A-z_4ME")
        #expect(Base64URL.decode("A-z_4ME") == octets)
    }

    @Test("every byte value survives a round trip")
    func roundTrip() {
        let all = (0...255).map { UInt8($0) }
        for length in 0...all.count {
            let prefix = Array(all.prefix(length))
            #expect(Base64URL.decode(Base64URL.encode(prefix)[...]) == prefix)
        }
    }

    @Test(
        "decoding is strict: padding, the other alphabet, whitespace, impossible lengths and stray low bits are refused",
        arguments: ["Zg==", "Zm8=", "Z", "Zm9vY", "Zh", "Zm9", "Zm+v", "Zm/v", "Zm 9v", "Zm9v\n", "Zm9é", "Zm9v\u{0}"]
    )
    func refuses(text: String) {
        #expect(Base64URL.decode(text[...]) == nil)
    }
}

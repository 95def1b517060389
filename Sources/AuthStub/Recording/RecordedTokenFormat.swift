/// The one home of how recorded token values become a `token.format`: lower-case UUIDs are the
/// default; equal-length lower-case hex is `{"hex": N}`; a shared prefix ending in `_`, `-` or
/// `.` followed by equal-length hex, base62 or base64url characters is `{"prefix", "characters",
/// "length"}`; anything else (JWTs among them) keeps the default, and says so.
enum RecordedTokenFormat {
    /// The format to write (nil: the default) and a sentence on what was found.
    static func infer(from values: Set<String>) -> (format: JSONValue?, evidence: String) {
        let sorted = values.sorted()
        guard let first = sorted.first else { return (nil, "token format: none seen, so the default (UUIDs)") }
        let one = sorted.count == 1
        let count = one ? "the one token seen is" : "all \(sorted.count) tokens seen are"
        if sorted.allSatisfy(isUUID) { return (nil, "token format uuid: \(count) \(one ? "a lower-case UUID" : "lower-case UUIDs")") }
        if sorted.allSatisfy({ $0.split(separator: ".").count == 3 && $0.hasPrefix("eyJ") }) {
            return (
                nil,
                "token format: \(count) \(one ? "a JWT" : "JWTs"), which the recording cannot sign as they were; served as UUIDs (add signingKeys and a jwt format to sign them)"
            )
        }
        let prefix = sharedPrefix(sorted)
        let rests = sorted.map { String(decoding: $0.utf8.dropFirst(prefix.utf8.count), as: UTF8.self) }
        let length = first.utf8.count - prefix.utf8.count
        guard prefix.utf8.count <= 64, length <= 256, rests.allSatisfy({ $0.utf8.count == length }),
            let characters = [TokenFormat.Characters.hex, .base62, .base64url].first(where: { characters in
                rests.allSatisfy { $0.utf8.allSatisfy(Set(characters.alphabet).contains) } && length >= characters.minimumLength
            })
        else {
            return (nil, "token format: \(count) of no format AuthStub makes, so the default (UUIDs)")
        }
        if prefix.isEmpty, characters == .hex {
            return (.object(["hex": .int(length)]), "token format hex \(length): \(count) \(length) lower-case hex digits")
        }
        var format: JSONObject = prefix.isEmpty ? [:] : ["prefix": .string(prefix)]
        format["characters"] = .string(characters.rawValue)
        format["length"] = .int(length)
        let start = prefix.isEmpty ? "" : "\"\(prefix)\" then "
        return (.object(format), "token format: \(count) \(start)\(length) \(characters.rawValue) characters")
    }

    /// A lower-case UUID (any version).
    private static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            [8, 13, 18, 23].contains(index) ? byte == UInt8(ascii: "-") : TokenFormat.Characters.hex.alphabet.contains(byte)
        }
    }

    /// The values' common beginning up to its last `_`, `-` or `.` (a prefix such as `sk_live_`),
    /// or "" when it has none.
    private static func sharedPrefix(_ values: [String]) -> String {
        guard var common = values.first.map(Array.init) else { return "" }
        for value in values.dropFirst() {
            common = Array(zip(common, value).prefix { $0.0 == $0.1 }.map(\.0))
        }
        guard let end = common.lastIndex(where: { "_-.".contains($0) }) else { return "" }
        return String(common[...end])
    }
}

/// Query strings and path segments, percent-decoded: control routes and per-request overrides
/// read them the same way.
enum PercentDecoding {
    /// `a=1&b=x%2Fy` as `[("a", "1"), ("b", "x/y")]`; `+` is a space, as in HTML forms.
    static func parameters(_ query: String?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count == 2 ? decode(parts[1], plusIsSpace: true) : ""
            return (decode(parts.first ?? "", plusIsSpace: true), value)
        }
    }

    /// Replaces each `%XX` with its byte; a `%` not followed by two hex digits stays as it is.
    /// Bytes that are not UTF-8 become U+FFFD.
    static func decode(_ text: Substring, plusIsSpace: Bool = false) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else { return String(text) }
        switch decodedBytes(text.utf8, plusIsSpace: plusIsSpace, strict: false) {
        case .success(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .failure: return String(text)
        }
    }

    /// Replaces each `%XX` with its byte; fails at the first `%` not followed by two hex
    /// digits, or when the result is not UTF-8.
    static func decodeStrictly(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) -> Result<String, StrictDecodingError> {
        switch decodedBytes(bytes, plusIsSpace: plusIsSpace, strict: true) {
        case .failure(let error): return .failure(error)
        case .success(let decoded):
            guard let text = String(validating: decoded, as: UTF8.self) else { return .failure(.notUTF8) }
            return .success(text)
        }
    }

    /// Why `decodeStrictly` failed.
    enum StrictDecodingError: Error, Equatable {
        /// A `%` is not followed by two hex digits.
        case malformedEscape
        /// The decoded bytes are not UTF-8.
        case notUTF8
    }

    /// The bytes with `%XX` (and, when asked, `+`) decoded. Lenient: a bad `%` stays as it is;
    /// strict: it fails there.
    private static func decodedBytes(
        _ text: some Collection<UInt8>,
        plusIsSpace: Bool,
        strict: Bool
    ) -> Result<[UInt8], StrictDecodingError> {
        let bytes = Array(text)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
                continue
            }
            if byte == UInt8(ascii: "%"), strict { return .failure(.malformedEscape) }
            output.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return .success(output)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

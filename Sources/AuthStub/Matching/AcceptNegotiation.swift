/// Proactive negotiation on the Accept header (RFC 9110 §12.5.1): which of a route's media types
/// to answer with.
package enum AcceptNegotiation {
    /// The index into `offered` to answer with, or nil when the request accepts none of them (the
    /// caller answers 406).
    ///
    /// `accept` is every Accept field value of the request (nil or empty when there is none); the
    /// values form one list. `offered` is the route's media types in fixture order.
    ///
    /// Each offered type takes the weight of the most specific range that matches it:
    /// `type/subtype` whose parameters all appear on the offered type (more parameters first),
    /// then `type/subtype`, `type/*`, `*/*`; among equally specific ranges the highest weight.
    /// Weight 0, or no matching range, means "not acceptable". The highest weight wins and ties
    /// go to the earlier offered type. A header with no valid element counts as absent.
    package static func choose(accept: [String]?, offered: [String]) -> Int? {
        guard !offered.isEmpty else { return nil }
        if let accept, accept.count == 1, let choice = plainChoice(accept[0], offered: offered) { return choice }
        var ranges: [MediaRange] = []
        for value in accept ?? [] {
            ranges.append(contentsOf: MediaRange.parseList(value))
        }
        guard !ranges.isEmpty else { return 0 }

        var best: (index: Int, quality: Int)?
        for (index, text) in offered.enumerated() {
            guard let offer = MediaRange.parseMediaType(text) else { continue }
            let quality = quality(of: offer, under: ranges)
            guard quality > 0 else { continue }
            if let current = best, current.quality >= quality { continue }
            best = (index, quality)
        }
        return best?.index
    }

    /// The answer for the commonest Accept values, without parsing them: `*/*` takes the first
    /// offered type, when it is a bare `type/subtype`; one bare `type/subtype` equal (in any case)
    /// to an offered type takes that one, when no offered type has parameters (which a bare
    /// range would match as well). Nil for anything else, which the full rules decide.
    private static func plainChoice(_ value: String, offered: [String]) -> Int? {
        var value = value
        return value.withUTF8 { accepted -> Int? in
            // The count first: comparing with a literal's bytes costs a hundred instructions.
            if accepted.count == 3, accepted.elementsEqual("*/*".utf8) { return isBareMediaType(offered[0]) ? 0 : nil }
            guard !offered.contains(where: hasParameters) else { return nil }
            // Equal to a bare type, the offered type is one too. Whether the accepted value is
            // bare is asked only of a match: without one the full rules decide either way.
            let index = offered.firstIndex { offer in
                var offer = offer
                return offer.withUTF8 { sameIgnoringCase($0, accepted) }
            }
            guard let index, isBareMediaType(accepted) else { return nil }
            return index
        }
    }

    /// Whether `lhs` and `rhs` are the same bytes but for the case of ASCII letters.
    private static func sameIgnoringCase(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { lowercased($0) == lowercased($1) }
    }

    /// `byte` with an ASCII capital letter lowercased. Written here rather than calling
    /// `ASCII.lowercased`: that one is not inlined across modules, and a call a byte cost more
    /// than the whole comparison.
    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Whether the media type `text` has parameters (a `;`).
    private static func hasParameters(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(UInt8(ascii: ";")) }
    }

    /// Whether `text` is `type/subtype`, two tokens without a `*` or anything after them.
    private static func isBareMediaType(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isBareMediaType($0) }
    }

    /// Whether `bytes` are `type/subtype`, two tokens without a `*` or anything after them.
    private static func isBareMediaType(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), slash > 0, slash < bytes.count - 1 else { return false }
        for (index, byte) in bytes.enumerated() where index != slash {
            guard ASCII.isTokenByte(byte), byte != UInt8(ascii: "*") else { return false }
        }
        return true
    }

    /// The weight the most specific matching range gives `offer`; 0 when none matches.
    private static func quality(of offer: MediaRange, under ranges: [MediaRange]) -> Int {
        var best: (specificity: Specificity, quality: Int)?
        for range in ranges {
            guard let specificity = specificity(of: range, for: offer) else { continue }
            if let current = best {
                if specificity < current.specificity { continue }
                if specificity == current.specificity && range.quality <= current.quality { continue }
            }
            best = (specificity, range.quality)
        }
        return best?.quality ?? 0
    }

    /// How closely a range names a type: first by wildcards, then by parameter count.
    private struct Specificity: Comparable {
        /// 0 for `*/*`, 1 for `type/*`, 2 for `type/subtype`.
        var level: Int
        var parameterCount: Int

        static func < (lhs: Specificity, rhs: Specificity) -> Bool {
            lhs.level != rhs.level ? lhs.level < rhs.level : lhs.parameterCount < rhs.parameterCount
        }
    }

    /// nil when `range` does not match `offer`.
    private static func specificity(of range: MediaRange, for offer: MediaRange) -> Specificity? {
        let level: Int
        if range.type == "*" {
            level = 0
        } else if range.type != offer.type {
            return nil
        } else if range.subtype == "*" {
            level = 1
        } else if range.subtype != offer.subtype {
            return nil
        } else {
            level = 2
        }
        // A parameter the offered type does not declare is no conflict (`application/json;
        // charset=utf-8` accepts a plain `application/json`, as clients expect); one it declares
        // with another value excludes it. Only parameters that matched add specificity.
        var matched = 0
        for parameter in range.parameters {
            guard let declared = offer.parameters.first(where: { $0.name == parameter.name }) else { continue }
            guard valuesMatch(name: parameter.name, declared.value, parameter.value) else { return nil }
            matched += 1
        }
        return Specificity(level: level, parameterCount: matched)
    }

    /// Parameter values compare exactly, except `charset`, whose values are case-insensitive
    /// (RFC 9110 §8.3.2).
    private static func valuesMatch(name: String, _ lhs: String, _ rhs: String) -> Bool {
        guard name == "charset" else { return lhs.utf8.elementsEqual(rhs.utf8) }
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { lhs in rhs.withUTF8 { sameIgnoringCase(lhs, $0) } }
    }
}

import AuthStub
import FuzzSupport

/// Negotiates one input's Accept fields against a route's media types and checks that the
/// choice is consistent with itself, not only that nothing traps.
///
/// Input layout: lines (split at LF); a line starting with `>` is an offered media type (the
/// first 8 count; none: the wice login's two types), every other line one Accept field value.
enum AcceptHarness {
    static let defaultOffered = ["application/json", "application/vnd.se.alkit.wice.authservice-v2+json"]

    static func run(_ input: [UInt8]) {
        var accept: [String] = []
        var offered: [String] = []
        for line in input.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let text = String(decoding: line, as: UTF8.self)
            if line.first == UInt8(ascii: ">") {
                if offered.count < 8 { offered.append(String(text.dropFirst())) }
            } else {
                accept.append(text)
            }
        }
        if offered.isEmpty { offered = defaultOffered }
        check(accept: accept, offered: offered)
    }

    static func check(accept: [String], offered: [String]) {
        let chosen = AcceptNegotiation.choose(accept: accept, offered: offered)
        let context = "Accept \(accept), offered \(offered): "
        require(chosen.map(offered.indices.contains) ?? true, context + "index \(String(describing: chosen)) out of range")
        require(AcceptNegotiation.choose(accept: nil, offered: offered) == 0, context + "no Accept does not take the first type")
        require(AcceptNegotiation.choose(accept: [], offered: offered) == 0, context + "an empty Accept does not take the first type")
        require(AcceptNegotiation.choose(accept: accept, offered: []) == nil, context + "chose from nothing")

        // The fields form one list of ranges whose order does not matter.
        require(AcceptNegotiation.choose(accept: accept.reversed(), offered: offered) == chosen, context + "field order changes the choice")
        // Bytes, not Characters: a quote followed by a combining mark is one Character that is
        // not a quote (the first 10-minute run stopped here on such an input).
        if !accept.contains(where: { $0.utf8.contains(UInt8(ascii: "\"")) }) {
            let joined = accept.joined(separator: ", ")
            require(AcceptNegotiation.choose(accept: [joined], offered: offered) == chosen, context + "one joined field chooses differently")
        }

        // Each type's acceptability stands on its own, and ties go to the earlier type.
        let acceptable = offered.map { AcceptNegotiation.choose(accept: accept, offered: [$0]) == 0 }
        require((chosen == nil) == !acceptable.contains(true), context + "chose \(String(describing: chosen)), acceptable alone: \(acceptable)")
        if let chosen {
            require(acceptable[chosen], context + "chose a type not acceptable alone")
            let prefix = Array(offered.prefix(chosen + 1))
            require(AcceptNegotiation.choose(accept: accept, offered: prefix) == chosen, context + "a later type changes the choice")
        }
    }
}

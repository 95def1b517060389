import Testing

@testable import AuthStub

@Suite("Accept negotiation")
struct AcceptNegotiationTests {
    static let json = "application/json"
    static let v2 = "application/vnd.se.alkit.wice.authservice-v2+json"
    static let offered = [json, v2]

    private func choose(_ accept: String...) -> Int? {
        AcceptNegotiation.choose(accept: accept, offered: Self.offered)
    }

    // MARK: Choosing

    @Test("No Accept header picks the first offered type")
    func absentHeader() {
        #expect(AcceptNegotiation.choose(accept: nil, offered: Self.offered) == 0)
        #expect(AcceptNegotiation.choose(accept: [], offered: Self.offered) == 0)
        #expect(AcceptNegotiation.choose(accept: nil, offered: [Self.v2, Self.json]) == 0)
    }

    @Test("Nothing offered is never acceptable")
    func nothingOffered() {
        #expect(AcceptNegotiation.choose(accept: nil, offered: []) == nil)
        #expect(AcceptNegotiation.choose(accept: ["*/*"], offered: []) == nil)
    }

    @Test(
        "A single range selects what it matches",
        arguments: [
            ("application/json", 0),
            ("*/*", 0),
            ("application/*", 0),
            ("application/vnd.se.alkit.wice.authservice-v2+json", 1),
            ("APPLICATION/JSON", 0),
            ("Application/VND.SE.Alkit.Wice.AuthService-V2+JSON", 1),
            ("  application/vnd.se.alkit.wice.authservice-v2+json  ", 1),
        ]
    )
    func singleRange(accept: String, expected: Int) {
        #expect(choose(accept) == expected)
    }

    @Test("A range matching no offered type gives nil")
    func notAcceptable() {
        #expect(choose("text/html") == nil)
        #expect(choose("text/*") == nil)
        #expect(choose("application/xml, text/html;q=0.9") == nil)
        #expect(choose("application/jsonx") == nil)
        #expect(choose("application/json;q=0, application/vnd.se.alkit.wice.authservice-v2+json;q=0") == nil)
    }

    @Test("The highest weight wins")
    func highestWeight() {
        #expect(choose("application/json;q=0.5, application/vnd.se.alkit.wice.authservice-v2+json") == 1)
        #expect(choose("application/json;q=0.501, application/vnd.se.alkit.wice.authservice-v2+json;q=0.5") == 0)
        #expect(choose("application/json;q=0.001") == 0)
    }

    @Test("Equal weights go to the fixture's order")
    func tieGoesToFixtureOrder() {
        #expect(choose("application/json;q=0.9, application/vnd.se.alkit.wice.authservice-v2+json;q=0.9") == 0)
        #expect(choose("application/vnd.se.alkit.wice.authservice-v2+json;q=0.9, application/json;q=0.9") == 0)
        #expect(AcceptNegotiation.choose(accept: ["*/*"], offered: [Self.v2, Self.json]) == 0)
        #expect(
            AcceptNegotiation.choose(
                accept: ["application/json;q=0.9, application/vnd.se.alkit.wice.authservice-v2+json;q=0.9"],
                offered: [Self.v2, Self.json]
            ) == 0
        )
    }

    @Test("The most specific matching range sets the weight")
    func specificity() {
        #expect(choose("*/*;q=0.1, application/json;q=0") == 1)
        #expect(choose("application/json;q=0, */*;q=0.1") == 1)
        #expect(choose("application/*;q=0, application/json") == 0)
        #expect(choose("application/json;q=0, application/*;q=0.5") == 1)
        #expect(choose("*/*, application/*;q=0") == nil)
        #expect(choose("*/*;q=0.2, application/*;q=0.3, application/json;q=0.4") == 0)
        #expect(choose("*/*;q=0.9, application/*;q=0.3, application/json;q=0.2") == 1)
    }

    @Test("A range's parameters exclude only offers that declare another value; undeclared ones do not conflict")
    func parameters() {
        let offered = ["application/json", "application/json; charset=utf-8"]
        // Both offers are acceptable at q=1: the tie goes to the fixture's order.
        #expect(AcceptNegotiation.choose(accept: ["application/json;charset=UTF-8, application/json;q=0.5"], offered: offered) == 0)
        // The more specific range (naming charset) decides for the offer that declares it.
        #expect(
            AcceptNegotiation.choose(
                accept: ["application/json;charset=utf-8;q=0, application/json;q=0.5"],
                offered: ["application/json; charset=utf-8", "application/json"]
            ) == 1
        )
        #expect(AcceptNegotiation.choose(accept: ["application/json;charset=latin1"], offered: offered) == 0)
        #expect(AcceptNegotiation.choose(accept: ["application/json;charset=latin1"], offered: ["application/json; charset=utf-8"]) == nil)
        // What real clients send: a charset on a type the fixture declares without one.
        #expect(AcceptNegotiation.choose(accept: ["application/json; charset=utf-8"], offered: ["application/json"]) == 0)
        #expect(AcceptNegotiation.choose(accept: ["text/plain;format=flowed"], offered: ["text/plain"]) == 0)
        #expect(AcceptNegotiation.choose(accept: ["text/plain;format=Flowed"], offered: ["text/plain;format=flowed"]) == nil)
        #expect(AcceptNegotiation.choose(accept: ["text/plain;FORMAT=\"flowed\""], offered: ["text/plain;format=flowed"]) == 0)
        // Two matching ranges: the one matching more declared parameters decides.
        #expect(
            AcceptNegotiation.choose(
                accept: ["text/plain;a=1;q=0, text/plain;a=1;b=2;q=0.5"],
                offered: ["text/plain;b=2;a=1", "text/plain;a=1"]
            ) == 0
        )
        #expect(
            AcceptNegotiation.choose(
                accept: ["text/plain;a=1;b=2;q=0, text/plain;a=1;q=0.5"],
                offered: ["text/plain;b=2;a=1", "text/plain;a=1"]
            ) == 1
        )
    }

    @Test("Several Accept field values form one list")
    func severalFieldValues() {
        #expect(choose("application/json;q=0.2", "application/vnd.se.alkit.wice.authservice-v2+json;q=0.3") == 1)
        #expect(choose("text/html", "application/vnd.se.alkit.wice.authservice-v2+json") == 1)
        #expect(choose("text/html", "application/xml") == nil)
        #expect(choose("*/*;q=0.1", "application/json;q=0") == 1)
        // An unbalanced quote in one value does not swallow the next value.
        #expect(choose("text/plain;x=\"open", "application/vnd.se.alkit.wice.authservice-v2+json") == 1)
    }

    @Test(
        "A header with no valid element counts as absent",
        arguments: [
            "", "   ", ",", ";;,,/", "a/b;q=2", "a/b;q=0.12345", "application/json;q=2", "/", "*/json", "application", "\u{0}",
        ]
    )
    func nothingParseable(accept: String) {
        #expect(MediaRange.parseList(accept).isEmpty)
        #expect(choose(accept) == 0)
        #expect(AcceptNegotiation.choose(accept: [accept, accept], offered: [Self.v2, Self.json]) == 0)
    }

    @Test("Invalid elements are skipped while valid ones still count")
    func invalidElementsSkipped() {
        #expect(choose("a/b;q=2, text/html") == nil)
        #expect(choose("application/json;q=2, application/vnd.se.alkit.wice.authservice-v2+json") == 1)
        #expect(choose("application/json;q=0.12345, application/vnd.se.alkit.wice.authservice-v2+json;q=0.1") == 1)
        #expect(choose(";;,,/, application/vnd.se.alkit.wice.authservice-v2+json") == 1)
        #expect(choose("application/json;q=0;q=1, text/html") == nil)
    }

    // MARK: Parsing

    @Test("An element parses into lowercased type, subtype and parameter names, and a weight")
    func parsesElement() {
        let ranges = MediaRange.parseList("Text/HTML; Level=1; q=0.7 , */*;q=0")
        #expect(
            ranges == [
                MediaRange(type: "text", subtype: "html", parameters: [.init(name: "level", value: "1")], quality: 700),
                MediaRange(type: "*", subtype: "*", parameters: [], quality: 0),
            ]
        )
    }

    @Test(
        "Weights follow the qvalue grammar",
        arguments: [
            ("0", 0), ("0.", 0), ("0.5", 500), ("0.05", 50), ("0.005", 5), ("0.123", 123), ("0.999", 999),
            ("1", 1000), ("1.", 1000), ("1.0", 1000), ("1.00", 1000), ("1.000", 1000),
        ]
    )
    func validWeights(text: String, thousandths: Int) {
        #expect(MediaRange.parseList("a/b;q=\(text)").map(\.quality) == [thousandths])
        #expect(MediaRange.parseList("a/b;Q=\(text)").map(\.quality) == [thousandths])
    }

    @Test(
        "Malformed weights drop the element",
        arguments: [
            "2", "1.001", "1.5", "0.1234", "0.12345", ".5", "-0", "+0.5", "00.5", "01", "0.a", "", "\"0.5\"", "1e0", "0x1", "0.5x",
        ]
    )
    func invalidWeights(text: String) {
        #expect(MediaRange.parseList("a/b;q=\(text)").isEmpty)
        #expect(MediaRange.parseList("a/b;q=\(text), c/d").map(\.type) == ["c"])
    }

    @Test("A missing weight is 1")
    func defaultWeight() {
        #expect(MediaRange.parseList("a/b").map(\.quality) == [1000])
        #expect(MediaRange.parseList("a/b;x=y").map(\.quality) == [1000])
    }

    @Test("Whitespace is allowed around commas, semicolons and equals signs")
    func optionalWhitespace() {
        let ranges = MediaRange.parseList(" \ta/b \t; \tx \t= \ty \t; q = 0.5 \t, \tc/d\t")
        #expect(
            ranges == [
                MediaRange(type: "a", subtype: "b", parameters: [.init(name: "x", value: "y")], quality: 500),
                MediaRange(type: "c", subtype: "d", parameters: [], quality: 1000),
            ]
        )
    }

    @Test(
        "Elements that are not token/token are skipped",
        arguments: [
            "application/ json", "application /json", "application", "application/", "/json", "*/json", "application/json extra",
            "app lication/json", "applicätion/json", "application/json/x", "application/json;", "application/json;=x",
            "application/json;x", "application/json;x=", "application/json;x=y z",
            "application/json;x=\"bad\u{1}\"", "\"application/json\"", "application/json;x=\"a\"b",
        ]
    )
    func invalidElements(element: String) {
        // "application/json;" is valid (an empty parameter); everything else is not.
        let expected = element == "application/json;" ? ["application"] : []
        #expect(MediaRange.parseList(element).map(\.type) == expected)
        #expect(MediaRange.parseList("\(element),c/d").map(\.type).last == "c")
    }

    @Test("Quoted parameter values may hold commas, semicolons and escapes")
    func quotedValues() {
        let ranges = MediaRange.parseList(#"text/plain;foo="a,b;c";bar="q\"t\\", application/json;x="""#)
        #expect(
            ranges == [
                MediaRange(
                    type: "text",
                    subtype: "plain",
                    parameters: [.init(name: "foo", value: "a,b;c"), .init(name: "bar", value: #"q"t\"#)],
                    quality: 1000
                ),
                MediaRange(type: "application", subtype: "json", parameters: [.init(name: "x", value: "")], quality: 1000),
            ]
        )
        // An unterminated quoted-string runs to the end of the field value.
        #expect(MediaRange.parseList(#"a/b;x="abc, application/json"#).isEmpty)
    }

    @Test("Empty parameters and empty list elements are allowed")
    func emptyParts() {
        #expect(MediaRange.parseList("a/b;;c=d;").map(\.parameters) == [[.init(name: "c", value: "d")]])
        #expect(MediaRange.parseList(",, a/b ,,, c/d ,").map(\.subtype) == ["b", "d"])
    }

    @Test("Parameter values keep their case; names do not")
    func parameterCase() {
        #expect(MediaRange.parseList("a/b;Charset=UTF-8").map(\.parameters) == [[.init(name: "charset", value: "UTF-8")]])
    }

    @Test("A second weight drops the element")
    func duplicateWeight() {
        #expect(MediaRange.parseList("a/b;q=0.5;q=0.5").isEmpty)
    }

    @Test("Offered types parse as single media types")
    func offeredTypes() {
        #expect(
            MediaRange.parseMediaType("application/json; charset=utf-8")
                == MediaRange(type: "application", subtype: "json", parameters: [.init(name: "charset", value: "utf-8")], quality: 1000)
        )
        #expect(MediaRange.parseMediaType("application/json, text/html") == nil)
        #expect(MediaRange.parseMediaType("json") == nil)
        // An offered type that does not parse is never chosen, but the others still are.
        #expect(AcceptNegotiation.choose(accept: ["*/*"], offered: ["not a type", Self.json]) == 1)
    }

    // MARK: Robustness

    /// The Accept fuzz target (issue 8) once stopped on its own check here: a quote followed by a
    /// combining mark is one `Character` that is not a quote. The parser reads bytes, so such a
    /// quote still opens a quoted-string and the comma inside it still separates nothing.
    @Test("A quote before a combining mark still opens a quoted-string")
    func quoteBeforeCombiningMark() {
        #expect(MediaRange.parseList("text/plain;p=\"\u{301},application/json\"").map(\.subtype) == ["plain"])
        #expect(choose("text/plain;p=\"\u{301},application/json\"") == nil)
        #expect(choose("text/plain;p=\"\u{301}\",application/json") == 0)
    }

    @Test("Ten thousand elements are all parsed, and the right one is chosen")
    func longHeader() {
        var header = String(repeating: "text/html;level=1;q=0.5, application/*;q=0.001, ", count: 10_000)
        header += Self.v2
        #expect(MediaRange.parseList(header).count == 20_001)
        #expect(choose(header) == 1)
        #expect(
            AcceptNegotiation.choose(
                accept: Array(repeating: "text/html;q=0.5", count: 10_000) + [Self.json],
                offered: Self.offered
            ) == 0
        )
        let garbage = String(repeating: ";;,,/a/b;q=2,\"x\\\"", count: 10_000)
        #expect(choose(garbage) == 0)
    }

    @Test("Arbitrary bytes never trap and never pick outside the offered list")
    func randomInput() {
        var generator = ByteNoise(seed: 0x5EED)
        let alphabet = Array("aA*/;,=q0.1 \t\"\\xyz-+é\u{0}\u{7F}".unicodeScalars)
        for _ in 0..<3_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 40) {
                text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            let header = String(text)
            for range in MediaRange.parseList(header) {
                #expect((0...1000).contains(range.quality))
                #expect(!range.type.isEmpty && !range.subtype.isEmpty)
            }
            if let index = AcceptNegotiation.choose(accept: [header], offered: Self.offered) {
                #expect(Self.offered.indices.contains(index))
            }
        }
    }
}

/// A fixed-seed linear congruential generator, so the random-input test is repeatable.
private struct ByteNoise {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}

import Testing

@testable import AuthStub

@Suite("JSON serializer")
struct JSONSerializerTests {
    static let sample: JSONValue = .object([
        "a": .int(1),
        "b": .array([.bool(true), .null, .string("x")]),
        "c": .object([:]),
        "d": .array([]),
        "e": .object(["f": .number("-1.50e+3"), "g": .bool(false)]),
    ])

    @Test("Compact output has no spaces and keeps member order")
    func compact() {
        #expect(Self.sample.serialized() == #"{"a":1,"b":[true,null,"x"],"c":{},"d":[],"e":{"f":-1.50e+3,"g":false}}"#)
        #expect(
            JSONValue.object(["code": .int(12345), "message": .string("bad")]).serialized()
                == #"{"code":12345,"message":"bad"}"#
        )
        #expect(JSONValue.object(["z": .int(1), "a": .int(2)]).serialized() == #"{"z":1,"a":2}"#)
    }

    @Test(
        "Scalars serialize on their own",
        arguments: [
            (JSONValue.null, "null"),
            (.bool(true), "true"),
            (.bool(false), "false"),
            (.number("0"), "0"),
            (.number("-12.5E-3"), "-12.5E-3"),
            (.string(""), #""""#),
            (.array([]), "[]"),
            (.object([:]), "{}"),
        ]
    )
    func scalars(value: JSONValue, expected: String) {
        #expect(value.serialized() == expected)
        #expect(value.prettyPrinted() == expected)
    }

    @Test("Strings are escaped where JSON requires it, and only there")
    func escaping() {
        let value = JSONValue.string("q\" b\\ n\n r\r t\t \u{0} \u{8} \u{1F} / é 😀 \u{2028} \u{7F}")
        #expect(value.serialized() == #""q\" b\\ n\n r\r t\t \u0000 \u0008 \u001f / é 😀 "# + "\u{2028} \u{7F}\"")
        let keyed = JSONValue.object(["k\"\n": .string("v")])
        #expect(keyed.serialized() == #"{"k\"\n":"v"}"#)
    }

    @Test("Number literals are written as stored; invalid ones become null")
    func numbers() {
        let value = JSONValue.array(["1.0", "1e2", "-0", "123456789012345678901234567890"].map(JSONValue.number))
        #expect(value.serialized() == "[1.0,1e2,-0,123456789012345678901234567890]")
        let invalid = JSONValue.array(["NaN", "", "01", "1.", "+1", "0x10", "1 2", "\"1\""].map(JSONValue.number))
        #expect(invalid.serialized() == "[null,null,null,null,null,null,null,null]")
    }

    @Test("Pretty printing indents by two spaces and keeps empty containers on one line")
    func pretty() {
        let expected = """
            {
              "a": 1,
              "b": [
                true,
                null,
                "x"
              ],
              "c": {},
              "d": [],
              "e": {
                "f": -1.50e+3,
                "g": false
              }
            }
            """
        #expect(Self.sample.prettyPrinted() == expected)
        #expect(JSONValue.array([.array([.int(1)])]).prettyPrinted() == "[\n  [\n    1\n  ]\n]")
    }

    @Test("serializedBytes is the UTF-8 of serialized, also for objects")
    func bytes() {
        let value = JSONValue.object(["ü": .string("😀")])
        #expect(value.serializedBytes() == Array(#"{"ü":"😀"}"#.utf8))
        let object: JSONObject = ["a": .int(1)]
        #expect(object.serialized() == #"{"a":1}"#)
        #expect(object.serializedBytes() == Array(#"{"a":1}"#.utf8))
        #expect(object.prettyPrinted() == "{\n  \"a\": 1\n}")
    }

    @Test(
        "Parsing what was serialized gives the same value",
        arguments: [
            Self.sample,
            .string("\u{0}\u{1}\u{1F}\"\\/\u{7F}\u{80}\u{FFFF}\u{10FFFF}😀é\u{2028}\u{2029}"),
            .object(["": .string(""), "\u{0}": .array([.object([:]), .array([.array([])])])]),
            .array((0..<50).map { .int($0 * -37) }),
            .number("-0.000e-0"),
        ]
    )
    func roundTrip(value: JSONValue) throws {
        #expect(try JSONValue.parse(value.serialized()) == value)
        #expect(try JSONValue.parse(value.serializedBytes()) == value)
        #expect(try JSONValue.parse(value.prettyPrinted()) == value)
    }

    @Test(
        "Serializing what was parsed and parsing again is stable",
        arguments: [
            #"{"b":[1,2.50,{"c":"\u00e9\ud83d\ude00\n"}],"a":null,"z":-0E+00}"#,
            "  [ true , false , null , \"\\/\" ]  ",
            "\"\\u0000\\u001F\\b\\f\"",
        ]
    )
    func parseThenSerialize(text: String) throws {
        let value = try JSONValue.parse(text)
        let compact = value.serialized()
        #expect(try JSONValue.parse(compact) == value)
        #expect(try JSONValue.parse(compact).serialized() == compact)
        #expect(try JSONValue.parse(value.prettyPrinted()) == value)
    }
}

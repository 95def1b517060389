import Testing

@testable import AuthStub

@Suite("JSON values and objects")
struct JSONValueTests {
    @Test(
        "intValue reads integer literals that fit Int",
        arguments: [
            ("0", 0),
            ("-0", 0),
            ("42", 42),
            ("-17", -17),
            ("9223372036854775807", Int.max),
            ("-9223372036854775808", Int.min),
        ]
    )
    func intValue(literal: String, expected: Int) throws {
        #expect(JSONValue.number(literal).intValue == expected)
        #expect(try JSONValue.parse(literal).intValue == expected)
    }

    @Test(
        "intValue is nil for huge, fractional, exponent and invalid literals",
        arguments: [
            "9223372036854775808", "-9223372036854775809", "99999999999999999999", "1e999", "1.5", "1.0", "1e2",
            "-1E+2", "", "-", "+5", "05", "0x10", " 5", "5 ", "1_000",
        ]
    )
    func intValueNil(literal: String) {
        #expect(JSONValue.number(literal).intValue == nil)
    }

    @Test("doubleValue reads valid literals and refuses what does not fit")
    func doubleValue() throws {
        #expect(JSONValue.number("-1.5e3").doubleValue == -1500)
        #expect(JSONValue.number("0.25").doubleValue == 0.25)
        #expect(JSONValue.number("12345").doubleValue == 12345)
        #expect(JSONValue.number("1e999").doubleValue == nil)
        #expect(JSONValue.number("-1e999").doubleValue == nil)
        #expect(JSONValue.number("1e-999").doubleValue == 0)
        #expect(JSONValue.number("inf").doubleValue == nil)
        #expect(JSONValue.number("nan").doubleValue == nil)
        #expect(JSONValue.number("0x1p3").doubleValue == nil)
        #expect(JSONValue.number(".5").doubleValue == nil)
        #expect(JSONValue.string("1").doubleValue == nil)
        #expect(try JSONValue.parse("1e999").doubleValue == nil)
    }

    @Test("int(_:) and double(_:) make valid literals")
    func factories() {
        #expect(JSONValue.int(42) == .number("42"))
        #expect(JSONValue.int(-7) == .number("-7"))
        #expect(JSONValue.int(Int.min) == .number("-9223372036854775808"))
        #expect(JSONValue.double(2) == .number("2"))
        #expect(JSONValue.double(-0.5) == .number("-0.5"))
        #expect(JSONValue.double(1e300).doubleValue == 1e300)
        #expect(JSONValue.double(.leastNonzeroMagnitude).doubleValue == .leastNonzeroMagnitude)
        #expect(JSONValue.double(.infinity) == .null)
        #expect(JSONValue.double(.nan) == .null)
        for value in [0.1, 1e20, 123.456, -2.5e-8, Double.greatestFiniteMagnitude] {
            #expect(JSONNumberLiteral.kind(of: JSONValue.double(value).serialized()) != nil)
            #expect(JSONValue.double(value).doubleValue == value)
        }
    }

    @Test("Accessors answer only for their own case")
    func accessors() throws {
        let values: [JSONValue] = [.null, .bool(true), .number("1"), .string("s"), .array([.null]), .object(["k": .null])]
        #expect(values.map(\.typeName) == ["null", "boolean", "number", "string", "array", "object"])
        #expect(values.map(\.isNull) == [true, false, false, false, false, false])
        #expect(values.map { $0.boolValue != nil } == [false, true, false, false, false, false])
        #expect(values.map { $0.intValue != nil } == [false, false, true, false, false, false])
        #expect(values.map { $0.doubleValue != nil } == [false, false, true, false, false, false])
        #expect(values.map { $0.stringValue != nil } == [false, false, false, true, false, false])
        #expect(values.map { $0.arrayValue != nil } == [false, false, false, false, true, false])
        #expect(values.map { $0.objectValue != nil } == [false, false, false, false, false, true])
        #expect(values.map { $0["k"] != nil } == [false, false, false, false, false, true])
        #expect(JSONValue.bool(false).boolValue == false)
        #expect(JSONValue.string("s").stringValue == "s")
        #expect(JSONValue.array([.int(1)]).arrayValue == [.int(1)])

        let document = try JSONValue.parse(#"{"user":{"name":"ann","roles":["a"]}}"#)
        #expect(document["user"]?["name"]?.stringValue == "ann")
        #expect(document["user"]?["missing"] == nil)
        #expect(document["user"]?["roles"]?.arrayValue?.first == .string("a"))
        #expect(document["user"]?["roles"]?["name"] == nil)
    }

    @Test("Equality is structural and order-sensitive; numbers compare as literals")
    func equality() {
        let ab: JSONObject = ["a": .int(1), "b": .int(2)]
        let ba: JSONObject = ["b": .int(2), "a": .int(1)]
        #expect(ab != ba)
        #expect(ab == JSONObject([.init(key: "a", value: .int(1)), .init(key: "b", value: .int(2))]))
        #expect(JSONValue.number("1.0") != .number("1"))
        #expect(Set<JSONValue>([.object(ab), .object(ab), .object(ba)]).count == 2)
    }

    @Test("Setting a member replaces it in place, appends new keys and removes on nil")
    func objectSubscript() {
        var object: JSONObject = ["first": .int(1), "second": .int(2), "third": .int(3)]
        object["second"] = .string("two")
        #expect(object.keys == ["first", "second", "third"])
        #expect(object["second"] == .string("two"))

        object["fourth"] = .bool(true)
        #expect(object.keys == ["first", "second", "third", "fourth"])

        object["first"] = nil
        #expect(object.keys == ["second", "third", "fourth"])
        object["absent"] = nil
        #expect(object.count == 3)

        object["first"] = .null
        #expect(object.keys == ["second", "third", "fourth", "first"])
        #expect(object["first"] == .null)
        #expect(object.removeValue(forKey: "third") == .int(3))
        #expect(object.removeValue(forKey: "third") == nil)
        #expect(object.keys == ["second", "fourth", "first"])
        #expect(object.values == [.string("two"), .bool(true), .null])
        #expect(object.index(of: "fourth") == 1)
    }

    @Test("An object is a sequence of its members in order")
    func sequence() {
        let object: JSONObject = ["z": .int(26), "a": .int(1), "m": .int(13)]
        #expect(object.map(\.key) == ["z", "a", "m"])
        #expect(object.members.map(\.value) == [.int(26), .int(1), .int(13)])
        var keys: [String] = []
        for member in object { keys.append(member.key) }
        #expect(keys == ["z", "a", "m"])
        #expect(!object.isEmpty && object.count == 3)
        #expect(JSONObject().isEmpty)
        #expect(JSONObject([]).count == 0)
    }

    @Test("Repeated keys in a literal or member list keep the first place and the last value")
    func repeatedKeys() {
        let literal: JSONObject = ["a": .int(1), "b": .int(2), "a": .int(3)]
        #expect(literal.members == [.init(key: "a", value: .int(3)), .init(key: "b", value: .int(2))])

        let many = (0..<30).map { JSONObject.Member(key: "k\($0 % 20)", value: .int($0)) }
        let object = JSONObject(many)
        #expect(object.keys == (0..<20).map { "k\($0)" })
        #expect(object["k3"] == .int(23))
        #expect(object["k19"] == .int(19))
    }
}

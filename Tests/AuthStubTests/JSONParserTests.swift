import Testing

@testable import AuthStub

/// One input the parser must reject, with the exact error it must give.
struct InvalidJSONCase: Sendable, CustomTestStringConvertible {
    let bytes: [UInt8]
    let message: String
    let line: Int
    let column: Int
    var maxDepth = 128

    init(_ text: String, _ message: String, _ line: Int, _ column: Int, maxDepth: Int = 128) {
        self.init(bytes: Array(text.utf8), message, line, column, maxDepth: maxDepth)
    }

    init(bytes: [UInt8], _ message: String, _ line: Int, _ column: Int, maxDepth: Int = 128) {
        self.bytes = bytes
        self.message = message
        self.line = line
        self.column = column
        self.maxDepth = maxDepth
    }

    var testDescription: String {
        String(decoding: bytes, as: UTF8.self).debugDescription
    }
}

@Suite("JSON parser: valid documents")
struct JSONParserValidTests {
    @Test(
        "Scalars at the top level",
        arguments: [
            ("null", JSONValue.null),
            ("true", .bool(true)),
            ("false", .bool(false)),
            ("0", .number("0")),
            ("-0", .number("-0")),
            ("12345", .number("12345")),
            ("-1.5e3", .number("-1.5e3")),
            ("1.50", .number("1.50")),
            ("1E+2", .number("1E+2")),
            ("0e-0", .number("0e-0")),
            ("123456789012345678901234567890", .number("123456789012345678901234567890")),
            ("\"\"", .string("")),
            ("\"hello\"", .string("hello")),
            (" \t\r\n 7 \r\n\t ", .number("7")),
        ]
    )
    func scalars(text: String, expected: JSONValue) throws {
        #expect(try JSONValue.parse(text) == expected)
        #expect(try JSONValue.parse(Array(text.utf8)) == expected)
    }

    @Test("Every escape decodes to its character")
    func escapes() throws {
        let value = try JSONValue.parse(#""\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u00E9 \u20AC \u0000""#)
        #expect(value == .string("\" \\ / \u{8} \u{C} \n \r \t A é é € \u{0}"))
    }

    @Test("Escapes mixed with raw text and multi-byte characters")
    func escapesAmongText() throws {
        let value = try JSONValue.parse(#""naïve \"café\"\nüber 😀 end\\""#)
        #expect(value == .string("naïve \"café\"\nüber 😀 end\\"))
    }

    @Test("Surrogate pairs combine into one scalar")
    func surrogatePairs() throws {
        #expect(try JSONValue.parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try JSONValue.parse(#""a\ud834\udd1eb""#) == .string("a𝄞b"))
        #expect(try JSONValue.parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
        #expect(try JSONValue.parse(#""\uD800\uDC00""#) == .string("\u{10000}"))
    }

    @Test("Raw UTF-8 of every length, including U+10FFFF and U+FEFF inside a string")
    func rawUnicode() throws {
        let text = "\"A é € 😀 \u{10FFFF} \u{FEFF} \u{2028}\""
        #expect(try JSONValue.parse(text) == .string("A é € 😀 \u{10FFFF} \u{FEFF} \u{2028}"))
    }

    @Test("Object members keep document order")
    func keyOrder() throws {
        let value = try JSONValue.parse(#"{"zeta":1,"alpha":2,"mid":{"b":true,"a":false},"":null}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["zeta", "alpha", "mid", ""])
        #expect(object["mid"]?.objectValue?.keys == ["b", "a"])
        #expect(value["alpha"] == .int(2))
        #expect(value[""] == .null)
    }

    @Test("Number literals are kept exactly as written")
    func numberLiterals() throws {
        let value = try JSONValue.parse("[1.0, 1.00, 1e2, 1E2, -0.0, 100, 0.1e-7]")
        #expect(value == .array(["1.0", "1.00", "1e2", "1E2", "-0.0", "100", "0.1e-7"].map(JSONValue.number)))
    }

    @Test("A nested document of every kind")
    func nested() throws {
        let text = """
            {
              "code": 12345,
              "ok": true,
              "list": [1, "two", [3, {"four": 4}], {}, [], null, false],
              "empty": {}
            }
            """
        let expected: JSONValue = .object([
            "code": .int(12345),
            "ok": .bool(true),
            "list": .array([
                .int(1), .string("two"), .array([.int(3), .object(["four": .int(4)])]),
                .object([:]), .array([]), .null, .bool(false),
            ]),
            "empty": .object([:]),
        ])
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test("Nesting up to maxDepth is allowed; one more level is not")
    func depthLimit() throws {
        let deepest = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        var value = try JSONValue.parse(deepest)
        var depth = 0
        while case .array(let elements) = value {
            depth += 1
            value = elements.first ?? .null
        }
        #expect(depth == 128)

        let tooDeep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(
            throws: JSONSyntaxError(
                message: "arrays and objects are nested deeper than the limit of 128",
                line: 1,
                column: 129,
                offset: 128
            )
        ) {
            try JSONValue.parse(tooDeep)
        }

        let objects = String(repeating: #"{"a":"#, count: 5) + "1" + String(repeating: "}", count: 5)
        #expect(try JSONValue.parse(objects, maxDepth: 5)["a"]?["a"]?["a"]?["a"]?["a"] == .int(1))
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(objects, maxDepth: 4) }
        #expect(try JSONValue.parse("7", maxDepth: 0) == .int(7))
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse("[]", maxDepth: 0) }
    }

    @Test("Very deep input is rejected without exhausting the stack")
    func hostileDepth() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 200_000)
        #expect(
            throws: JSONSyntaxError(
                message: "arrays and objects are nested deeper than the limit of 128",
                line: 1,
                column: 129,
                offset: 128
            )
        ) {
            try JSONValue.parse(bytes)
        }
    }

    @Test("Large objects are checked for duplicates past the linear-scan size")
    func largeObjects() throws {
        let keys = (0..<40).map { "key\($0)" }
        let text = "{" + keys.map { "\"\($0)\":\($0.count)" }.joined(separator: ",") + "}"
        #expect(try JSONValue.parse(text).objectValue?.keys == keys)

        let duplicated = "{" + keys.map { "\"\($0)\":0" }.joined(separator: ",") + ",\"key17\":1}"
        #expect(
            throws: JSONSyntaxError(
                message: #"duplicate key "key17""#,
                line: 1,
                column: duplicated.utf8.count - 9,
                offset: duplicated.utf8.count - 10
            )
        ) {
            try JSONValue.parse(duplicated)
        }
    }
}

@Suite("JSON parser: invalid documents")
struct JSONParserInvalidTests {
    static let cases: [InvalidJSONCase] = [
        // Framing
        InvalidJSONCase("", "empty input", 1, 1),
        InvalidJSONCase(" \n\t\r ", "empty input", 1, 1),
        InvalidJSONCase(bytes: [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], "byte-order mark is not allowed", 1, 1),
        InvalidJSONCase("{} x", "unexpected 'x' after the JSON value", 1, 4),
        InvalidJSONCase("1 2", "unexpected '2' after the JSON value", 1, 3),
        InvalidJSONCase("[]]", "unexpected ']' after the JSON value", 1, 3),
        InvalidJSONCase("1\u{0}", "unexpected control character U+0000 after the JSON value", 1, 2),
        InvalidJSONCase("\"é\" x", "unexpected 'x' after the JSON value", 1, 6),
        // Numbers
        InvalidJSONCase("01", "leading zeros are not allowed in numbers", 1, 1),
        InvalidJSONCase("[-007]", "leading zeros are not allowed in numbers", 1, 3),
        InvalidJSONCase("1.", "unexpected end of input; expected a digit after the decimal point", 1, 3),
        InvalidJSONCase("[1.]", "expected a digit after the decimal point", 1, 4),
        InvalidJSONCase("1.e5", "expected a digit after the decimal point", 1, 3),
        InvalidJSONCase(".5", "a number must start with a digit or '-'", 1, 1),
        InvalidJSONCase("+1", "a number must start with a digit or '-'", 1, 1),
        InvalidJSONCase("NaN", "invalid literal 'NaN'", 1, 1),
        InvalidJSONCase("[Infinity]", "invalid literal 'Infinity'", 1, 2),
        InvalidJSONCase("-Infinity", "expected a digit after '-'", 1, 2),
        InvalidJSONCase("-", "unexpected end of input; expected a digit after '-'", 1, 2),
        InvalidJSONCase("0x10", "unexpected 'x' after the JSON value", 1, 2),
        InvalidJSONCase("1e", "unexpected end of input; expected a digit in the exponent", 1, 3),
        InvalidJSONCase("1e+", "unexpected end of input; expected a digit in the exponent", 1, 4),
        InvalidJSONCase("1Ex", "expected a digit in the exponent", 1, 3),
        InvalidJSONCase("1.5.5", "unexpected '.' after the JSON value", 1, 4),
        // Literals
        InvalidJSONCase("tru", "unexpected end of input; expected 'true'", 1, 4),
        InvalidJSONCase("[nul", "unexpected end of input; expected 'null'", 1, 5),
        InvalidJSONCase("truex", "invalid literal 'truex'", 1, 1),
        InvalidJSONCase("True", "invalid literal 'True'", 1, 1),
        InvalidJSONCase("[nul]", "invalid literal 'nul'", 1, 2),
        InvalidJSONCase(
            "[undefined_value_with_a_long_name_here]",
            "invalid literal 'undefined_value_with_a_l…'",
            1,
            2
        ),
        // Strings
        InvalidJSONCase("\"abc", "unterminated string", 1, 1),
        InvalidJSONCase("[\"a\\", "unterminated string", 1, 2),
        InvalidJSONCase("\"\\u00", "unterminated string", 1, 1),
        InvalidJSONCase("\"\\uD800", "unterminated string", 1, 1),
        InvalidJSONCase("\"\\uD800\\", "unterminated string", 1, 1),
        InvalidJSONCase("\"\\uD800\\uDC", "unterminated string", 1, 1),
        InvalidJSONCase("\"a\nb\"", "unescaped control character U+000A in a string", 1, 3),
        InvalidJSONCase("\"a\tb\"", "unescaped control character U+0009 in a string", 1, 3),
        InvalidJSONCase("\"a\\\"b\u{1F}\"", "unescaped control character U+001F in a string", 1, 6),
        InvalidJSONCase("\"\\x\"", "invalid escape '\\x'", 1, 2),
        InvalidJSONCase("\"ab\\'\"", "invalid escape '\\''", 1, 4),
        InvalidJSONCase("\"\\\n\"", "invalid escape: backslash followed by control character U+000A", 1, 2),
        InvalidJSONCase("\"\\é\"", "invalid escape: backslash followed by 'é' (U+00E9)", 1, 2),
        InvalidJSONCase("\"\\u12G4\"", "invalid \\u escape: expected four hex digits", 1, 2),
        InvalidJSONCase("\"\\u00\"", "invalid \\u escape: expected four hex digits", 1, 2),
        InvalidJSONCase("\"\\uD800\"", "high surrogate \\uD800 is not followed by a low surrogate", 1, 2),
        InvalidJSONCase("\"x\\ud83d y\"", "high surrogate \\uD83D is not followed by a low surrogate", 1, 3),
        InvalidJSONCase("\"\\uD800\\u0041\"", "high surrogate \\uD800 is not followed by a low surrogate", 1, 2),
        InvalidJSONCase("\"\\uD83D\\uD83D\"", "high surrogate \\uD83D is not followed by a low surrogate", 1, 2),
        InvalidJSONCase("\"\\uD83D\\n\"", "high surrogate \\uD83D is not followed by a low surrogate", 1, 2),
        InvalidJSONCase("\"\\uD83D\\uDE0\"", "invalid \\u escape: expected four hex digits", 1, 8),
        InvalidJSONCase("\"\\uDC00\"", "low surrogate \\uDC00 without a high surrogate before it", 1, 2),
        InvalidJSONCase("\"\\uDE00\\uD83D\"", "low surrogate \\uDE00 without a high surrogate before it", 1, 2),
        InvalidJSONCase("['a']", "strings must be in double quotes", 1, 2),
        // UTF-8
        InvalidJSONCase(bytes: [0x22, 0xFF, 0x22], "invalid UTF-8 byte 0xFF", 1, 2),
        InvalidJSONCase(bytes: [0x22, 0x61, 0x80, 0x22], "invalid UTF-8: unexpected continuation byte 0x80", 1, 3),
        InvalidJSONCase(bytes: [0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8: overlong encoding", 1, 2),
        InvalidJSONCase(bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22], "invalid UTF-8: overlong encoding", 1, 2),
        InvalidJSONCase(bytes: [0x22, 0xF0, 0x8F, 0xBF, 0xBF, 0x22], "invalid UTF-8: overlong encoding", 1, 2),
        InvalidJSONCase(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8: encoded surrogate", 1, 2),
        InvalidJSONCase(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid UTF-8: code point above U+10FFFF", 1, 2),
        InvalidJSONCase(bytes: [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], "invalid UTF-8: code point above U+10FFFF", 1, 2),
        InvalidJSONCase(bytes: [0x22, 0xE2, 0x82, 0x22], "invalid UTF-8: incomplete multi-byte sequence", 1, 2),
        InvalidJSONCase(bytes: [0x22, 0xF0, 0x9F, 0x98], "invalid UTF-8: incomplete multi-byte sequence", 1, 2),
        InvalidJSONCase(bytes: [0x5B, 0xFF, 0x5D], "invalid UTF-8 byte 0xFF", 1, 2),
        InvalidJSONCase(bytes: [0x31, 0x20, 0xC3], "invalid UTF-8: incomplete multi-byte sequence", 1, 3),
        InvalidJSONCase(bytes: [0x7B, 0x0A, 0x20, 0xC3, 0x28], "invalid UTF-8: incomplete multi-byte sequence", 2, 2),
        // Structure
        InvalidJSONCase("[", "unexpected end of input; expected a JSON value", 1, 2),
        InvalidJSONCase("[1", "unexpected end of input; expected ',' or ']' after an array element", 1, 3),
        InvalidJSONCase("[1,", "unexpected end of input; expected a JSON value", 1, 4),
        InvalidJSONCase("{", "unexpected end of input; expected a string key or '}'", 1, 2),
        InvalidJSONCase("{\"a\"", "unexpected end of input; expected ':' after an object key", 1, 5),
        InvalidJSONCase("{\"a\":", "unexpected end of input; expected a JSON value", 1, 6),
        InvalidJSONCase("{\"a\":1", "unexpected end of input; expected ',' or '}' after an object member", 1, 7),
        InvalidJSONCase("{\"a\":1,", "unexpected end of input; expected a string key after ','", 1, 8),
        InvalidJSONCase("]", "unexpected ']'; expected a JSON value", 1, 1),
        InvalidJSONCase("[,1]", "unexpected ','; expected a JSON value", 1, 2),
        InvalidJSONCase("[1,,2]", "unexpected ','; expected a JSON value", 1, 4),
        InvalidJSONCase("{\"a\":}", "unexpected '}'; expected a JSON value", 1, 6),
        InvalidJSONCase("[1 2]", "expected ',' or ']' after an array element", 1, 4),
        InvalidJSONCase("[1}", "expected ',' or ']' after an array element", 1, 3),
        InvalidJSONCase("{\"a\":1 \"b\":2}", "expected ',' or '}' after an object member", 1, 8),
        InvalidJSONCase("{\"a\":1]", "expected ',' or '}' after an object member", 1, 7),
        InvalidJSONCase("{\"a\" 1}", "expected ':' after an object key", 1, 6),
        InvalidJSONCase("{\"a\"=1}", "expected ':' after an object key", 1, 5),
        InvalidJSONCase("{1:2}", "expected a string key or '}'", 1, 2),
        InvalidJSONCase("{a:1}", "object keys must be strings in double quotes", 1, 2),
        InvalidJSONCase("{'a':1}", "object keys must be strings in double quotes", 1, 2),
        InvalidJSONCase("{\"a\":1,2}", "expected a string key after ','", 1, 8),
        InvalidJSONCase("[1,]", "trailing comma before ']'", 1, 3),
        InvalidJSONCase("[1, \n ]", "trailing comma before ']'", 1, 3),
        InvalidJSONCase("{\"a\":1,}", "trailing comma before '}'", 1, 7),
        InvalidJSONCase("{\"a\":1,\"a\":2}", "duplicate key \"a\"", 1, 8),
        InvalidJSONCase("{\"a\":1,\"\\u0061\":2}", "duplicate key \"a\"", 1, 8),
        InvalidJSONCase("{\"x\":{\"k\\n\":1,\"b\":2,\"k\\n\":3}}", "duplicate key \"k\\n\"", 1, 21),
        InvalidJSONCase("[1] // note", "comments are not allowed", 1, 5),
        InvalidJSONCase("/* note */ 1", "comments are not allowed", 1, 1),
        InvalidJSONCase("[1,/*x*/2]", "comments are not allowed", 1, 4),
        InvalidJSONCase("{\"a\"//x\n:1}", "comments are not allowed", 1, 5),
        InvalidJSONCase("[1/2]", "expected ',' or ']' after an array element", 1, 3),
        // Whitespace is only space, tab, LF and CR
        InvalidJSONCase("[1,\u{0C}2]", "unexpected control character U+000C; expected a JSON value", 1, 4),
        InvalidJSONCase("[1,\u{A0}2]", "unexpected '\u{A0}' (U+00A0); expected a JSON value", 1, 4),
        InvalidJSONCase("[1,\r\r x]", "invalid literal 'x'", 1, 7),
        // Positions over several lines
        InvalidJSONCase("{\n  \"a\": 1,\n  \"b\": 2\n  \"c\": 3\n}", "expected ',' or '}' after an object member", 4, 3),
        InvalidJSONCase("[\"é\",\n x]", "invalid literal 'x'", 2, 2),
        InvalidJSONCase("\n\n", "empty input", 1, 1),
        InvalidJSONCase("\n\n[\n", "unexpected end of input; expected a JSON value", 4, 1),
        // Depth
        InvalidJSONCase("[[[]]]", "arrays and objects are nested deeper than the limit of 2", 1, 3, maxDepth: 2),
        InvalidJSONCase("[{\"a\":{}}]", "arrays and objects are nested deeper than the limit of 2", 1, 7, maxDepth: 2),
        InvalidJSONCase("{}", "arrays and objects are nested deeper than the limit of 0", 1, 1, maxDepth: -3),
    ]

    @Test("Each violation gives its exact message and position", arguments: cases)
    func rejects(_ invalid: InvalidJSONCase) {
        var offset = 0
        var line = 1
        var lineStart = 0
        do {
            let value = try JSONValue.parse(invalid.bytes, maxDepth: invalid.maxDepth)
            Issue.record("parsed as \(value)")
        } catch {
            #expect(error.message == invalid.message)
            #expect(error.line == invalid.line)
            #expect(error.column == invalid.column)
            #expect(error.description == "line \(invalid.line), column \(invalid.column): \(invalid.message)")
            offset = error.offset
        }
        // The offset agrees with the line and column.
        for (index, byte) in invalid.bytes.prefix(offset).enumerated() where byte == 0x0A {
            line += 1
            lineStart = index + 1
        }
        #expect(line == invalid.line)
        #expect(offset - lineStart + 1 == invalid.column)
    }

    @Test("String input is parsed the same as its UTF-8 bytes", arguments: ["{\"a\":1,}", "[1 2]", "\"\\uDC00\""])
    func stringInput(text: String) {
        let fromBytes = #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array(text.utf8)) }
        let fromText = #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
        #expect(fromBytes == fromText)
    }

    static let document = """
        {"id": 12345, "name": "Zoë \\"Z\\" 😀 \\uD83D\\uDE00", "tags": ["a", "b\\n", []],
         "nested": {"deep": [{"x": -1.5e-3}, true, false, null]}, "empty": {}, "zero": 0}
        """

    @Test("Every proper prefix of a valid document is rejected, never trapping")
    func truncation() throws {
        let bytes = Array(Self.document.utf8)
        _ = try JSONValue.parse(bytes)
        for length in 0..<bytes.count {
            let prefix = Array(bytes[..<length])
            let error = #expect(throws: JSONSyntaxError.self, "prefix of \(length) bytes") {
                try JSONValue.parse(prefix)
            }
            if let error {
                #expect(error.offset <= length)
                #expect(error.line >= 1 && error.column >= 1)
            }
        }
    }

    @Test("Single-byte corruptions never trap; whatever still parses round-trips")
    func corruption() throws {
        let bytes = Array(Self.document.utf8)
        let replacements: [UInt8] = [
            0x00, 0x0A, 0x20, 0x22, 0x2C, 0x2D, 0x2E, 0x30, 0x31, 0x3A, 0x5B, 0x5C, 0x5D,
            0x65, 0x75, 0x7B, 0x7D, 0x80, 0xC3, 0xED, 0xF0, 0xFF,
        ]
        var parsedCount = 0
        var rejectedCount = 0
        for index in bytes.indices {
            for replacement in replacements where replacement != bytes[index] {
                var corrupted = bytes
                corrupted[index] = replacement
                do {
                    let value = try JSONValue.parse(corrupted)
                    parsedCount += 1
                    #expect((try? JSONValue.parse(value.serialized())) == value)
                } catch {
                    rejectedCount += 1
                    #expect(error.offset >= 0 && error.offset <= corrupted.count)
                }
            }
            // Deletion as well as replacement.
            var shortened = bytes
            shortened.remove(at: index)
            if let value = try? JSONValue.parse(shortened) {
                #expect((try? JSONValue.parse(value.serialized())) == value)
            }
        }
        #expect(parsedCount > 0)
        #expect(rejectedCount > parsedCount)
    }
}

import StubHTTP

extension JSONValue {
    /// Parses one JSON text (RFC 8259), strictly: UTF-8 without a byte-order mark, exactly one value,
    /// no duplicate keys, no comments or trailing commas, arrays and objects nested at most `maxDepth` deep.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 128) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { JSONParser.parse($0, maxDepth: maxDepth) }.get()
    }

    /// Parses one JSON text (RFC 8259), strictly; see `parse(_:maxDepth:)` for bytes.
    public static func parse(_ text: String, maxDepth: Int = 128) throws(JSONSyntaxError) -> JSONValue {
        if let result = text.utf8.withContiguousStorageIfAvailable({ JSONParser.parse($0, maxDepth: maxDepth) }) {
            return try result.get()
        }
        return try parse(Array(text.utf8), maxDepth: maxDepth)
    }
}

/// A strict, non-recursive RFC 8259 parser over bytes that stay valid for the parser's lifetime.
///
/// Every read is preceded by a check of `position` against `bytes.count`, so no input can trap.
/// Nesting is kept on an explicit stack, so depth is bounded by `maxDepth`, not by the call stack.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONSyntaxError> {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        do {
            return .success(try parser.document())
        } catch {
            return .failure(error)
        }
    }

    /// An array or object still being read.
    private struct Container {
        let isObject: Bool
        var elements: [JSONValue] = []
        var members: [JSONObject.Member] = []
        /// The key whose value is being read.
        var key = ""
        /// Keys of `members[..<indexedCount]`, built only once an object grows past a few members.
        var keySet: Set<String> = []
        var indexedCount = 0

        mutating func hasMember(_ key: String) -> Bool {
            if members.count <= 8 { return members.contains { $0.key == key } }
            while indexedCount < members.count {
                keySet.insert(members[indexedCount].key)
                indexedCount += 1
            }
            return keySet.contains(key)
        }
    }

    mutating func document() throws(JSONSyntaxError) -> JSONValue {
        if bytes.isEmpty { throw error("empty input", at: 0) }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw error("byte-order mark is not allowed", at: 0)
        }
        skipWhitespace()
        if position == bytes.count { throw error("empty input", at: 0) }

        var stack: [Container] = []
        nextValue: while true {
            // A value starts here; whitespace before it is already skipped.
            guard position < bytes.count else { throw endOfInput(expecting: "a JSON value") }
            var value: JSONValue
            switch bytes[position] {
            case UInt8(ascii: "["):
                try checkDepth(stack.count)
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    value = .array([])
                } else {
                    stack.append(Container(isObject: false))
                    continue nextValue
                }
            case UInt8(ascii: "{"):
                try checkDepth(stack.count)
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    value = .object(JSONObject())
                } else {
                    var object = Container(isObject: true)
                    try readKey(into: &object, afterComma: nil)
                    stack.append(object)
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                value = .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try number())
            default:
                value = try literal()
            }

            // The value is complete: add it to its container, closing containers that end here.
            while !stack.isEmpty {
                let top = stack.count - 1
                skipWhitespace()
                if stack[top].isObject {
                    stack[top].members.append(JSONObject.Member(key: stack[top].key, value: value))
                    if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                        let comma = position
                        position += 1
                        skipWhitespace()
                        try readKey(into: &stack[top], afterComma: comma)
                        continue nextValue
                    }
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
                        throw expected("',' or '}' after an object member")
                    }
                    position += 1
                    value = .object(JSONObject(uniqueMembers: stack.removeLast().members))
                } else {
                    stack[top].elements.append(value)
                    if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                        let comma = position
                        position += 1
                        skipWhitespace()
                        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                            throw error("trailing comma before ']'", at: comma)
                        }
                        continue nextValue
                    }
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "]") else {
                        throw expected("',' or ']' after an array element")
                    }
                    position += 1
                    value = .array(stack.removeLast().elements)
                }
            }

            skipWhitespace()
            if position < bytes.count {
                throw unexpected { "unexpected \($0) after the JSON value" }
            }
            return value
        }
    }

    /// Reads `"key"`, the colon and the whitespace after it, at the start of an object member.
    private mutating func readKey(into object: inout Container, afterComma comma: Int?) throws(JSONSyntaxError) {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            if let comma, position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                throw error("trailing comma before '}'", at: comma)
            }
            if position < bytes.count, Self.isLetter(bytes[position]) || bytes[position] == UInt8(ascii: "'") {
                throw error("object keys must be strings in double quotes", at: position)
            }
            throw expected(comma == nil ? "a string key or '}'" : "a string key after ','")
        }
        let keyStart = position
        let key = try string()
        if object.hasMember(key) {
            throw error("duplicate key \(JSONText.quoted(key))", at: keyStart)
        }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw expected("':' after an object key")
        }
        position += 1
        skipWhitespace()
        object.key = key
    }

    private func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        if depth >= maxDepth {
            throw error("arrays and objects are nested deeper than the limit of \(max(maxDepth, 0))", at: position)
        }
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }
}

import StubHTTP

extension JSONValue {
    /// Compact serialization, e.g. `{"code":12345,"message":"..."}`: no spaces, members in order,
    /// numbers as their literal (`null` for a literal that is not valid JSON), strings escaped.
    public func serialized() -> String {
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// `serialized()` as UTF-8 bytes.
    public func serializedBytes() -> [UInt8] {
        var out: [UInt8] = []
        JSONSerializer.write(self, to: &out, indent: nil)
        return out
    }

    /// Human-readable: 2-space indent, `"key": value`, one element or member per line;
    /// empty `{}` and `[]` stay on one line. No trailing newline.
    public func prettyPrinted() -> String {
        var out: [UInt8] = []
        JSONSerializer.write(self, to: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }
}

extension JSONObject {
    /// The object as a compact JSON text.
    public func serialized() -> String {
        JSONValue.object(self).serialized()
    }

    /// `serialized()` as UTF-8 bytes.
    public func serializedBytes() -> [UInt8] {
        JSONValue.object(self).serializedBytes()
    }

    /// The object as indented JSON text, as `JSONValue.prettyPrinted()` writes it.
    public func prettyPrinted() -> String {
        JSONValue.object(self).prettyPrinted()
    }
}

/// Writes JSON text as UTF-8 bytes; `indent` is the current nesting level when pretty-printing,
/// nil for compact output.
enum JSONSerializer {
    static func write(_ value: JSONValue, to out: inout [UInt8], indent: Int?) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let literal):
            out.append(contentsOf: (JSONNumberLiteral.kind(of: literal) == nil ? "null" : literal).utf8)
        case .string(let text):
            quote(text, to: &out)
        case .array(let elements):
            guard !elements.isEmpty else {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, indent.map { $0 + 1 })
                write(element, to: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, indent.map { $0 + 1 })
                quote(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                write(member.value, to: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `text` as a JSON string, quotes included.
    private static func quote(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        JSONText.appendEscaped(text, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// In pretty-printed output, a line break and the indentation for `level`.
    private static func newline(_ out: inout [UInt8], _ level: Int?) {
        guard let level else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * max(0, level)))
    }
}

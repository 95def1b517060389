import StubHTTP

extension JSONValue {
    /// Compact serialization, e.g. `{"code":12345,"message":"..."}`: no spaces, members in order,
    /// numbers as their literal (`null` for a literal that is not valid JSON), strings escaped.
    public func serialized() -> String {
        var out = ""
        JSONSerializer.write(self, to: &out, indent: nil)
        return out
    }

    /// `serialized()` as UTF-8 bytes.
    public func serializedBytes() -> [UInt8] {
        Array(serialized().utf8)
    }

    /// Human-readable: 2-space indent, `"key": value`, one element or member per line;
    /// empty `{}` and `[]` stay on one line. No trailing newline.
    public func prettyPrinted() -> String {
        var out = ""
        JSONSerializer.write(self, to: &out, indent: 0)
        return out
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

/// Writes JSON text; `indent` is the current nesting level when pretty-printing, nil for compact output.
enum JSONSerializer {
    static func write(_ value: JSONValue, to out: inout String, indent: Int?) {
        switch value {
        case .null:
            out += "null"
        case .bool(let flag):
            out += flag ? "true" : "false"
        case .number(let literal):
            out += JSONNumberLiteral.kind(of: literal) == nil ? "null" : literal
        case .string(let text):
            out += JSONText.quoted(text)
        case .array(let elements):
            guard !elements.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                newline(&out, indent.map { $0 + 1 })
                write(element, to: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out += "]"
        case .object(let object):
            guard !object.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { out += "," }
                newline(&out, indent.map { $0 + 1 })
                out += JSONText.quoted(member.key)
                out += indent == nil ? ":" : ": "
                write(member.value, to: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out += "}"
        }
    }

    /// In pretty-printed output, a line break and the indentation for `level`.
    private static func newline(_ out: inout String, _ level: Int?) {
        guard let level else { return }
        out += "\n"
        out += String(repeating: "  ", count: level)
    }
}

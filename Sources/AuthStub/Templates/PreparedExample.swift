import StubHTTP

/// A fixture example (or a service's error shape) prepared when its fixture loads: its header
/// values and its body serialized to JSON once, as literal bytes with a slot for each
/// placeholder. Rendering it gives the same bytes as `TemplateRenderer.render` followed by
/// serialization, without parsing a template or building a `JSONValue` per request.
typealias PreparedExample = PreparedResponse<ResponseSlot>

/// What one slot of a prepared example asks for: a placeholder, and how its value goes in.
enum ResponseSlot: Sendable, Equatable {
    /// The placeholder's text as it is (in a header value).
    case text(Placeholder)
    /// The placeholder's text, escaped for the inside of a JSON string.
    case jsonText(Placeholder)
    /// The placeholder's value as JSON, `null` when it has none.
    case jsonValue(Placeholder)
    /// An object member whose value is the placeholder alone: `"key":value` (after a comma
    /// unless it opens its object), or nothing when the placeholder has no value.
    case member(key: [UInt8], Placeholder)
    /// The comma before a member, left out when the member opens its object (because the
    /// members before it were left out).
    case comma
}

extension PreparedResponse where Slot == ResponseSlot {
    /// `status`, `headers` and `body` prepared.
    init(status: HTTPStatus, headers: [HeaderTemplate], body: JSONValue?) {
        self.init(
            status: status,
            fields: headers.map { Field(name: $0.name, value: Self.pieces(ofHeader: $0.value)) },
            body: body.map { Piece.merged(Self.pieces(of: $0)) }
        )
    }

    /// Renders the example with `values` in its placeholders.
    func render(status: HTTPStatus? = nil, with values: TemplateValues) -> HTTPResponse {
        render(status: status) { slot, buffer in Self.fill(slot, with: values, into: &buffer) }
    }

    /// A header value's pieces: literal text and `text` slots.
    private static func pieces(ofHeader text: String) -> [Piece] {
        guard let template = template(text) else { return [.literal(Array(text.utf8))] }
        return Piece.merged(
            template.pieces.map { piece in
                switch piece {
                case .literal(let literal): .literal(Array(literal.utf8))
                case .placeholder(let placeholder): .slot(.text(placeholder))
                }
            }
        )
    }

    /// A JSON value's pieces, as `TemplateRenderer.render` and the compact serializer write it.
    private static func pieces(of value: JSONValue) -> [Piece] {
        switch value {
        case .string(let text):
            guard let template = template(text) else { return [.literal(value.serializedBytes())] }
            if let solo = template.soloPlaceholder { return [.slot(.jsonValue(solo))] }
            var pieces: [Piece] = [.literal([UInt8(ascii: "\"")])]
            for piece in template.pieces {
                switch piece {
                case .literal(let literal):
                    var escaped: [UInt8] = []
                    JSONText.appendEscaped(literal, to: &escaped)
                    pieces.append(.literal(escaped))
                case .placeholder(let placeholder):
                    pieces.append(.slot(.jsonText(placeholder)))
                }
            }
            return pieces + [.literal([UInt8(ascii: "\"")])]
        case .array(let elements) where !elements.isEmpty:
            var pieces: [Piece] = [.literal([UInt8(ascii: "[")])]
            for (index, element) in elements.enumerated() {
                if index > 0 { pieces.append(.literal([UInt8(ascii: ",")])) }
                pieces += Self.pieces(of: element)
            }
            return pieces + [.literal([UInt8(ascii: "]")])]
        case .object(let object) where !object.isEmpty:
            // A member whose string is one placeholder is left out when it has no value, so
            // once an object has one, every later comma is decided when rendering.
            var pieces: [Piece] = [.literal([UInt8(ascii: "{")])]
            var mayLeaveOut = false
            for (index, member) in object.members.enumerated() {
                let key = Array((JSONText.quoted(member.key) + ":").utf8)
                if case .string(let text) = member.value, let solo = template(text)?.soloPlaceholder {
                    pieces.append(.slot(.member(key: key, solo)))
                    mayLeaveOut = true
                    continue
                }
                if index > 0 { pieces.append(mayLeaveOut ? .slot(.comma) : .literal([UInt8(ascii: ",")])) }
                pieces.append(.literal(key))
                pieces += Self.pieces(of: member.value)
            }
            return pieces + [.literal([UInt8(ascii: "}")])]
        case .null, .bool, .number, .array, .object:
            return [.literal(value.serializedBytes())]
        }
    }

    /// The template in `text`, or nil when it holds no valid one (it is then sent as written,
    /// as `TemplateRenderer` does; the fixture reader refuses such strings anyway).
    private static func template(_ text: String) -> TemplateText? {
        guard text.contains("{{"), case .success(let template) = TemplateText.parse(text) else { return nil }
        return template
    }

    /// Appends what `slot` stands for in this response.
    private static func fill(_ slot: ResponseSlot, with values: TemplateValues, into buffer: inout [UInt8]) {
        switch slot {
        case .text(let placeholder):
            buffer.append(contentsOf: values.text(of: placeholder).utf8)
        case .jsonText(let placeholder):
            JSONText.appendEscaped(values.text(of: placeholder), to: &buffer)
        case .jsonValue(let placeholder):
            JSONSerializer.write(values.value(of: placeholder) ?? .null, to: &buffer, indent: nil)
        case .member(let key, let placeholder):
            guard let value = values.value(of: placeholder) else { return }
            if buffer.last != UInt8(ascii: "{") { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: key)
            JSONSerializer.write(value, to: &buffer, indent: nil)
        case .comma:
            if buffer.last != UInt8(ascii: "{") { buffer.append(UInt8(ascii: ",")) }
        }
    }
}

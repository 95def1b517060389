/// A response worked out once, before the requests it answers, so that answering is a series of
/// appends: the header fields go into one `HTTPHeaders` block and the body into one byte array,
/// each as literal bytes with slots between them that the handler fills for the request at hand.
/// `FinishedResponse` then applies the layer's rules to the result, on either transport.
///
/// `Slot` is the handler's own: AuthStub's slots are fixture placeholders (`{{token}}`).
package struct PreparedResponse<Slot: Sendable & Equatable>: Sendable, Equatable {
    /// Bytes sent as they are, or a slot the handler fills.
    package enum Piece: Sendable, Equatable {
        case literal([UInt8])
        case slot(Slot)
    }

    /// A header field: its name, and its value as pieces.
    package struct Field: Sendable, Equatable {
        package var name: String
        package var value: [Piece]

        package init(name: String, value: [Piece]) {
            self.name = name
            self.value = value
        }
    }

    /// The status sent.
    package var status: HTTPStatus
    /// The header fields, in order.
    package var fields: [Field]
    /// The body's pieces; nil sends no body.
    package var body: [Piece]?

    package init(status: HTTPStatus, fields: [Field], body: [Piece]?) {
        self.status = status
        self.fields = fields
        self.body = body
    }

    /// The response for one request: `fill` appends each slot's bytes to the buffer it is given
    /// (a field's value or the body). `status` replaces the prepared one when given.
    package func render(status: HTTPStatus? = nil, _ fill: (Slot, inout [UInt8]) -> Void) -> HTTPResponse {
        var response = HTTPResponse(status: status ?? self.status)
        for field in fields {
            response.headers.add(name: field.name) { value in Self.append(field.value, to: &value, fill) }
        }
        if let body {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Self.literalCount(body) + 64)
            Self.append(body, to: &bytes, fill)
            response.body = bytes
        }
        return response
    }

    /// Appends `pieces` to `buffer`, filling their slots.
    private static func append(_ pieces: [Piece], to buffer: inout [UInt8], _ fill: (Slot, inout [UInt8]) -> Void) {
        for piece in pieces {
            switch piece {
            case .literal(let bytes): buffer.append(contentsOf: bytes)
            case .slot(let slot): fill(slot, &buffer)
            }
        }
    }

    /// The bytes of `pieces` known before any slot is filled.
    private static func literalCount(_ pieces: [Piece]) -> Int {
        var count = 0
        for case .literal(let bytes) in pieces { count &+= bytes.count }
        return count
    }
}

extension PreparedResponse.Piece {
    /// Joins neighbouring literals, so that rendering appends each run of fixed bytes once.
    package static func merged(_ pieces: [Self]) -> [Self] {
        var merged: [Self] = []
        for piece in pieces {
            if case .literal(let bytes) = piece, case .literal(let previous)? = merged.last {
                merged[merged.count - 1] = .literal(previous + bytes)
            } else if case .literal(let bytes) = piece, bytes.isEmpty {
                continue
            } else {
                merged.append(piece)
            }
        }
        return merged
    }
}

/// A request for `HTTPClient` to send.
package struct HTTPClientRequest: Sendable, Equatable {
    /// The method, e.g. `POST`.
    package var method: HTTPMethod
    /// The request-target: a path with an optional query, e.g. `/v1/auth/login?x=1`.
    package var target: String
    /// Header fields, sent in this order after `Host` (unless one is given here).
    package var headers: HTTPHeaders
    /// The body; its length is sent as `Content-Length`.
    package var body: [UInt8]

    /// A request with every part given.
    package init(method: HTTPMethod, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}

/// Writes a request as the client sends it.
enum RequestSerializer {
    /// The request line; `Host: authority` unless the request has its own; the request's fields
    /// in order (its `Content-Length`, `Transfer-Encoding` and `Connection` are the writer's);
    /// `Content-Length` when there is a body or the method is `POST`, `PUT` or `PATCH`;
    /// `Connection: close` when `closing`; the empty line; the body. Throws `invalidRequest`
    /// for bytes that would change the request's meaning (a space in the target, a CR or LF in
    /// a field value).
    static func bytes(_ request: HTTPClientRequest, authority: String, closing: Bool) throws(HTTPClientError) -> [UInt8] {
        guard request.method.isValid else {
            throw HTTPClientError(.invalidRequest, "\"\(request.method)\" is not an HTTP method")
        }
        guard !request.target.isEmpty, request.target.utf8.allSatisfy(ASCII.isTargetByte) else {
            throw HTTPClientError(.invalidRequest, "\"\(request.target)\" is not a request-target")
        }
        var bytes = Array("\(request.method) \(request.target) HTTP/1.1\r\n".utf8)
        if !request.headers.contains("Host") { appendField("Host".utf8, authority.utf8, to: &bytes) }
        var invalidField: ArraySlice<UInt8>?
        request.headers.forEachRawField { name, value in
            guard invalidField == nil else { return }
            guard !name.isEmpty, name.allSatisfy(ASCII.isTokenByte), value.allSatisfy(ASCII.isFieldValueByte) else {
                invalidField = name
                return
            }
            if !FinishedResponse.isManagedByLayer(name) { appendField(name, value, to: &bytes) }
        }
        if let invalidField {
            throw HTTPClientError(.invalidRequest, "the field \"\(String(decoding: invalidField, as: UTF8.self))\" has a byte no field may have")
        }
        if !request.body.isEmpty || [.post, .put, .patch].contains(request.method) {
            appendField("Content-Length".utf8, String(request.body.count).utf8, to: &bytes)
        }
        if closing { appendField("Connection".utf8, "close".utf8, to: &bytes) }
        bytes += [ASCII.cr, ASCII.lf]
        return bytes + request.body
    }

    private static func appendField(_ name: some Sequence<UInt8>, _ value: some Sequence<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: name)
        bytes += [ASCII.colon, ASCII.space]
        bytes.append(contentsOf: value)
        bytes += [ASCII.cr, ASCII.lf]
    }
}

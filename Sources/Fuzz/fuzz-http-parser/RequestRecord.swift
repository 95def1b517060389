import StubHTTP

/// A parsed request reduced to comparable values.
struct RequestRecord: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var path: String
    var query: String?
    var version: HTTPVersion
    var headers: HTTPHeaders
    var body: [UInt8]
    var keepAlive: Bool

    init(_ request: ParsedRequest) {
        method = request.method
        target = request.target
        path = request.path
        query = request.query
        version = request.version
        headers = request.headers
        body = request.body
        keepAlive = request.keepAlive
    }

    var description: String {
        "\(method) \(target) \(version) path=\(path) query=\(query ?? "nil") keepAlive=\(keepAlive) "
            + "headers=[\(headers.map { "\($0.name): \($0.value)" }.joined(separator: ", "))] body=\(body)"
    }

    /// The request as the shortest bytes that should parse back to it: the same request line,
    /// field lines without optional whitespace, and a chunked body as one chunk.
    func serialized() -> [UInt8] {
        var bytes = Array("\(method) \(target) \(version)\r\n".utf8)
        headers.forEachRawField { name, value in
            bytes += name
            bytes.append(UInt8(ascii: ":"))
            bytes += value
            bytes += [0x0D, 0x0A]
        }
        bytes += [0x0D, 0x0A]
        guard headers.contains("Transfer-Encoding") else { return bytes + body }
        if !body.isEmpty {
            bytes += Array("\(String(body.count, radix: 16))\r\n".utf8) + body + [0x0D, 0x0A]
        }
        return bytes + Array("0\r\n\r\n".utf8)
    }
}

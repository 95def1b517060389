/// One HTTP/1.1 response as the soak reads it off a keep-alive connection: status, the few
/// headers it looks at, and the body.
struct SoakResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first header called `name`, any case.
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Whether an injected fault answered (`X-AuthStub-Fault`).
    var faulted: Bool { header("X-AuthStub-Fault") != nil }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// Parses the response at the front of `buffer`: the response and how many bytes it took,
    /// nil while it is incomplete. Throws when the head cannot be read as HTTP.
    static func parse(_ buffer: [UInt8]) throws(SoakProtocolError) -> (SoakResponse, consumed: Int)? {
        guard let headEnd = headEnd(in: buffer) else { return nil }
        let lines = String(decoding: buffer[..<headEnd], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            throw SoakProtocolError("unreadable status line \"\(lines.first ?? "")\"")
        }
        var response = SoakResponse(status: status, headers: [], body: [])
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            response.headers.append((String(line[..<colon]), String(value)))
        }
        let bodyStart = headEnd + 4
        var length = 0
        if status >= 200, status != 204, status != 304 {
            guard let declared = Int(response.header("Content-Length") ?? ""), declared >= 0 else {
                throw SoakProtocolError("status \(status) without a Content-Length")
            }
            length = declared
        }
        guard buffer.count - bodyStart >= length else { return nil }
        response.body = Array(buffer[bodyStart..<(bodyStart + length)])
        return (response, bodyStart + length)
    }

    /// Where `\r\n\r\n` starts, if it has arrived.
    private static func headEnd(in buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// The server answered with something that is not HTTP/1.1 as the soak expects it.
struct SoakProtocolError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

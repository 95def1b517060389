extension ContractResponse {
    /// Reads a whole HTTP/1.1 response: status line, header fields, and a body framed by
    /// `Content-Length`, chunked coding, or the end of the connection.
    static func parse(_ bytes: [UInt8]) throws(ContractTransportError) -> ContractResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = bytes.firstRange(of: separator) else {
            throw ContractTransportError("the answer is not HTTP (no end of headers)")
        }
        let head = String(decoding: bytes[..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)[...]
        guard let statusLine = lines.popFirst() else { throw ContractTransportError("the answer has no status line") }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1].count == 3, let status = Int(parts[1]) else {
            throw ContractTransportError("the answer's status line is not HTTP: \(statusLine.prefix(80))")
        }
        var headers: [HTTPHeaderField] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingSpaces()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            headers.append(HTTPHeaderField(name, value))
        }
        let rest = Array(bytes[headEnd.upperBound...])
        let response = ContractResponse(status: status, headers: headers, body: [])
        return ContractResponse(status: status, headers: headers, body: try response.framedBody(rest))
    }

    private func framedBody(_ rest: [UInt8]) throws(ContractTransportError) -> [UInt8] {
        if status == 204 || status == 304 || (100..<200).contains(status) { return [] }
        if header("Transfer-Encoding")?.lowercased().contains("chunked") == true { return try Self.dechunk(rest) }
        if let text = header("Content-Length"), let length = Int(text.trimmingSpaces()), length >= 0 {
            guard rest.count >= length else {
                throw ContractTransportError("the body broke off after \(rest.count) of \(length) bytes")
            }
            return Array(rest.prefix(length))
        }
        return rest
    }

    private static func dechunk(_ bytes: [UInt8]) throws(ContractTransportError) -> [UInt8] {
        var body: [UInt8] = []
        var rest = bytes[...]
        while true {
            guard let lineEnd = rest.firstRange(of: [13, 10]) else { throw ContractTransportError("a chunk size line is cut off") }
            let sizeText = String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingSpaces(), radix: 16), size >= 0 else {
                throw ContractTransportError("a chunk size is not hexadecimal")
            }
            rest = rest[lineEnd.upperBound...]
            if size == 0 { return body }
            guard rest.count >= size else { throw ContractTransportError("a chunk is cut off") }
            body += rest.prefix(size)
            rest = rest.dropFirst(size).drop(while: { $0 == 13 || $0 == 10 })
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice = slice.dropFirst() }
        while slice.last == " " || slice.last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}

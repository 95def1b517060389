import StubHTTP

extension ParsedRequest {
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

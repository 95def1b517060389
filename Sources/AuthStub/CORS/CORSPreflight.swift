import StubHTTP

/// The answer to a browser's preflight (`OPTIONS` with `Access-Control-Request-Method`).
enum CORSPreflight {
    static func isPreflight(_ request: HTTPRequest) -> Bool {
        request.method == "OPTIONS" && request.headers.contains("Access-Control-Request-Method")
    }

    /// The header names the browser asks to send (`Access-Control-Request-Headers`).
    static func requestedHeaders(_ request: HTTPRequest) -> [String] {
        request.headers.values(for: "Access-Control-Request-Headers")
            .flatMap(CORSHeaders.listItems)
            .filter { !$0.isEmpty && $0.utf8.allSatisfy(isTokenByte) }
    }

    /// `204` allowing `origin` (with credentials), `methods` and `headers` for ten minutes.
    static func response(for request: HTTPRequest, origin: String, methods: String, headers: [String]) -> HTTPResponse {
        var response = HTTPResponse(status: 204)
        CORSGate.allow(origin, on: &response)
        response.headers.add(name: "Access-Control-Allow-Methods", value: methods)
        var seen: Set<String> = []
        let unique = headers.filter { seen.insert($0.lowercased()).inserted }
        response.headers.add(name: "Access-Control-Allow-Headers", value: unique.joined(separator: ", "))
        response.headers.add(name: "Access-Control-Max-Age", value: "600")
        // Chrome asks before a public page reaches a private address (Private Network Access).
        if request.headers["Access-Control-Request-Private-Network"]?.lowercased() == "true" {
            response.headers.add(name: "Access-Control-Allow-Private-Network", value: "true")
        }
        response.headers.add(name: "Vary", value: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
        return response
    }

    /// RFC 9110 `tchar`: what a header name may hold.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

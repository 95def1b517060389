import Foundation
import StubHTTP

/// One recorded exchange taken apart for the recorder: its path segments, query parameters,
/// request body fields, cookies and response body read once, so each inference looks at values
/// rather than bytes.
struct RecordedExchange {
    /// The exchange as the proxy saw it.
    let original: ProxiedExchange
    /// Its place in the recording (0 is the first).
    let index: Int
    /// The path's segments as sent (percent-encoded) after the leading `/`; empty ones kept
    /// (`/a/` is `["a", ""]`), as the engine matches paths.
    let segments: [String]
    /// The query parameters, percent-decoded, in order.
    let query: [(name: String, value: String)]
    /// The request body's fields: a JSON object, or a form body's fields as strings; nil: neither.
    let requestFields: JSONObject?
    /// Whether the request body was a form.
    let requestIsForm: Bool
    /// The request's cookies.
    let cookies: [String: String]
    /// The response's media type, lower-cased without parameters (`application/json`); nil: none.
    let responseMediaType: String?
    /// The response body as JSON, when it parses.
    let responseJSON: JSONValue?

    /// `exchange`, the `index`th of its recording, taken apart.
    init(_ exchange: ProxiedExchange, index: Int) {
        original = exchange
        self.index = index
        segments = exchange.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        query = PercentDecoding.parameters(exchange.query)
        let requestType = Self.header("Content-Type", in: exchange.requestHeaders).map(ContractComparison.essence)
        if requestType == "application/x-www-form-urlencoded", case .success(let fields) = FormBody.parse(exchange.requestBody) {
            requestFields = fields
            requestIsForm = true
        } else {
            requestFields = (try? JSONValue.parse(exchange.requestBody))?.objectValue
            requestIsForm = false
        }
        cookies = CookieHeader.cookies(in: HTTPHeaders(exchange.requestHeaders.map { ($0.name, $0.value) }))
        responseMediaType = Self.header("Content-Type", in: exchange.responseHeaders).map(ContractComparison.essence)
        let encoded = Self.header("Content-Encoding", in: exchange.responseHeaders).map { $0.lowercased() != "identity" } ?? false
        responseJSON = encoded || exchange.responseBody.isEmpty ? nil : try? JSONValue.parse(exchange.responseBody)
    }

    /// The first value of the request header `name` (case-insensitive).
    func requestHeader(_ name: String) -> String? { Self.header(name, in: original.requestHeaders) }

    /// Every value of the response header `name` (case-insensitive).
    func responseHeaders(_ name: String) -> [String] {
        original.responseHeaders.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// `Authorization: <scheme> <credentials>` split in two; nil without one.
    var authorization: (scheme: String, credentials: String)? {
        guard let value = requestHeader("Authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), parts[1].trimmed(of: " "))
    }

    /// A 2xx or 3xx answer.
    var succeeded: Bool { (200..<400).contains(original.status) }

    /// The request target as recorded: path and query.
    var target: String { original.path + (original.query.map { "?" + $0 } ?? "") }

    /// The first value of the header `name` in `fields`.
    static func header(_ name: String, in fields: [HTTPHeaderField]) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

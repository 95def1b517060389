import StubHTTP

/// The values of one request that fixtures can name with a `ValueSelector`: its body (a JSON
/// object, or a form body's fields as strings), query parameters, cookies, path parameters and
/// headers. Made while preparing the request, outside the engine's lock.
struct RequestValues: Sendable {
    /// The body as an object; nil when there is none or it could not be read.
    var body: JSONObject?
    /// The format `body` was read in from the request's bytes (by its `Content-Type`); nil
    /// when none was given (the journal reuses a body read as JSON instead of parsing it again).
    let bodyFormat: RequestBodyType?
    /// Query parameters, percent-decoded; a name sent twice keeps its first value.
    let query: [String: String]
    /// The `Cookie` header's cookies.
    let cookies: [String: String]
    /// The values of the endpoint's path parameters, percent-decoded.
    var pathParameters: [String: String]
    /// The request's header fields.
    let headers: HTTPHeaders

    /// The values of `request`, with a body already read (in `bodyFormat`, when known).
    /// `request` is borrowed: taken as an initializer's parameter is by default (owned), each
    /// caller copied the whole request and this destroyed the copy.
    init(_ request: borrowing HTTPRequest, body: JSONObject?, bodyFormat: RequestBodyType? = nil, pathParameters: [String: String] = [:]) {
        var query: [String: String] = [:]
        for (name, value) in PercentDecoding.parameters(request.query) where query[name] == nil {
            query[name] = value
        }
        self.body = body
        self.bodyFormat = bodyFormat
        self.query = query
        self.cookies = CookieHeader.cookies(in: request.headers)
        self.pathParameters = pathParameters
        self.headers = request.headers
    }

    /// The value `selector` names: a body member as it is (a form field is a string), every
    /// other source as a string; nil when the request has none.
    func value(_ selector: ValueSelector) -> JSONValue? {
        switch selector.source {
        case .body: body?[selector.name]
        default: text(selector).map(JSONValue.string)
        }
    }

    /// The value `selector` names as text: strings as they are, body numbers and booleans as
    /// written; nil when absent, or for a body member that is null, an array or an object.
    func text(_ selector: ValueSelector) -> String? {
        switch selector.source {
        case .body:
            switch body?[selector.name] {
            case .string(let text)?: text
            case .number(let literal)?: literal
            case .bool(let flag)?: flag ? "true" : "false"
            case .null?, .array?, .object?, nil: nil
            }
        case .query: query[selector.name]
        case .header: headers[selector.name]
        case .cookie: cookies[selector.name]
        case .path: pathParameters[selector.name]
        }
    }
}

/// A response status: an open set of three-digit codes, with constants for the ones AuthStub
/// sends and reads, and the reason phrase for its status line.
///
/// An integer literal is a status, so `HTTPResponse(status: 201, …)` and `status == 401` read
/// as before; compare classes with `kind` rather than with ranges.
public struct HTTPStatus: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The code, e.g. `401`. Nothing stops a hand-built status from being out of 100…999;
    /// its `kind` is then `.invalid`.
    public let code: Int

    /// The status with `code`.
    public init(code: Int) {
        self.code = code
    }

    /// Same as `init(code:)`.
    public init(rawValue: Int) {
        self.code = rawValue
    }

    /// A status written as a literal, e.g. `503`.
    public init(integerLiteral value: Int) {
        self.code = value
    }

    /// The code, as `RawRepresentable` asks.
    public var rawValue: Int { code }

    /// The code, e.g. `404`.
    public var description: String { String(code) }

    /// Orders by code.
    public static func < (lhs: HTTPStatus, rhs: HTTPStatus) -> Bool { lhs.code < rhs.code }

    /// The classes of RFC 9110 §15, by first digit.
    public enum Kind: Sendable, Equatable {
        /// 1xx.
        case informational
        /// 2xx.
        case successful
        /// 3xx.
        case redirection
        /// 4xx.
        case clientError
        /// 5xx.
        case serverError
        /// Not a three-digit code from 100 to 599.
        case invalid
    }

    /// The status's class.
    public var kind: Kind {
        switch code {
        case 100...199: .informational
        case 200...299: .successful
        case 300...399: .redirection
        case 400...499: .clientError
        case 500...599: .serverError
        default: .invalid
        }
    }

    /// Whether a response with this status carries content: all but 1xx, 204 and 304
    /// (RFC 9110 §6.4.1).
    public var permitsBody: Bool { kind != .informational && self != .noContent && self != .notModified }

    /// A 4xx or 5xx status.
    public var isError: Bool { kind == .clientError || kind == .serverError }

    /// The registered reason phrase (RFC 9110 §15), or empty for a code without one here,
    /// which a status line allows (RFC 9112 §4).
    public var reasonPhrase: String {
        switch code {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 417: "Expectation Failed"
        case 422: "Unprocessable Content"
        case 423: "Locked"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: ""
        }
    }

    /// 200 OK.
    public static let ok: HTTPStatus = 200
    /// 201 Created.
    public static let created: HTTPStatus = 201
    /// 204 No Content.
    public static let noContent: HTTPStatus = 204
    /// 304 Not Modified.
    public static let notModified: HTTPStatus = 304
    /// 400 Bad Request.
    public static let badRequest: HTTPStatus = 400
    /// 401 Unauthorized.
    public static let unauthorized: HTTPStatus = 401
    /// 403 Forbidden.
    public static let forbidden: HTTPStatus = 403
    /// 404 Not Found.
    public static let notFound: HTTPStatus = 404
    /// 405 Method Not Allowed.
    public static let methodNotAllowed: HTTPStatus = 405
    /// 406 Not Acceptable.
    public static let notAcceptable: HTTPStatus = 406
    /// 408 Request Timeout.
    public static let requestTimeout: HTTPStatus = 408
    /// 409 Conflict.
    public static let conflict: HTTPStatus = 409
    /// 410 Gone.
    public static let gone: HTTPStatus = 410
    /// 413 Content Too Large.
    public static let contentTooLarge: HTTPStatus = 413
    /// 415 Unsupported Media Type.
    public static let unsupportedMediaType: HTTPStatus = 415
    /// 429 Too Many Requests.
    public static let tooManyRequests: HTTPStatus = 429
    /// 500 Internal Server Error.
    public static let internalServerError: HTTPStatus = 500
    /// 502 Bad Gateway.
    public static let badGateway: HTTPStatus = 502
    /// 503 Service Unavailable.
    public static let serviceUnavailable: HTTPStatus = 503
}

import Testing

/// One case of the hostile-request catalogue (`shared/hostile-requests.md`): the raw bytes a
/// client sends and the answer the catalogue's policy asks for.
struct HostileRequest: Sendable, CustomTestStringConvertible {
    /// What the server must do with the bytes.
    enum Answer: Sendable {
        /// A framing or parse error: one of these statuses with `Connection: close` and a
        /// `Content-Length`, then the server closes.
        case refused(Set<Int>)
        /// These statuses in order, and the connection stays usable for another request.
        case answered([Int])
        /// These statuses in order, then the server closes.
        case answeredThenClosed([Int])
        /// Either a close with no answer at all, or this status and a close.
        case closedQuietlyOr(Int)
    }

    /// The row number in the catalogue.
    let row: Int
    let what: String
    let bytes: [UInt8]
    let answer: Answer
    /// Headers of the first response: a value it must have, or nil for one it must not have.
    let headers: [String: String?]
    /// Half-closes (`shutdown(SHUT_WR)`) after sending.
    let halfClose: Bool

    var testDescription: String { "#\(row) \(what)" }

    init(
        _ row: Int,
        _ what: String,
        _ bytes: [UInt8],
        _ answer: Answer,
        headers: [String: String?] = [:],
        halfClose: Bool = false
    ) {
        self.row = row
        self.what = what
        self.bytes = bytes
        self.answer = answer
        self.headers = headers
        self.halfClose = halfClose
    }

    init(
        _ row: Int,
        _ what: String,
        _ text: String,
        _ answer: Answer,
        headers: [String: String?] = [:],
        halfClose: Bool = false
    ) {
        self.init(row, what, Array(text.utf8), answer, headers: headers, halfClose: halfClose)
    }
}

/// The catalogue's shorthands. `status` is a control route that answers 200 to a loopback
/// `Host`, so "accepted" shows as a 200 rather than as a near-miss 404.
enum Shorthand {
    static let G = "GET / HTTP/1.1\r\nHost: a\r\n"
    static let P = "POST / HTTP/1.1\r\nHost: a\r\n"
    static let PC = P + "Transfer-Encoding: chunked\r\n\r\n"
    static let status = "GET /__control/status HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    /// `user:secret` for usertoken's Basic login.
    static let basic = "Authorization: Basic dXNlcjpzZWNyZXQ=\r\n"
}

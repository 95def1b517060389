/// A time of the token a response concerns, written `{{token.<field>}}` (and
/// `{{refreshToken.<field>}}` for the refresh token of a pair).
enum TokenTimeField: String, Sendable, Equatable, CaseIterable {
    /// When the token ends, RFC 3339 on the server clock, to the second like `{{now}}`.
    case expiresAt
    /// When the token ends, Unix seconds (a JSON number).
    case expiresAtUnix
    /// Seconds left until the token ends (a JSON number, never below 0).
    case expiresIn
    /// When the token was issued, RFC 3339 on the server clock, to the second.
    case issuedAt
    /// When the token was issued, Unix seconds (a JSON number).
    case issuedAtUnix
}

/// The times of the token a response concerns, on the server clock (milliseconds), for the
/// `{{token.expiresAt}}` family of placeholders.
struct TokenTimes: Sendable, Equatable {
    /// When it was issued.
    let issuedAt: Int64
    /// When it ends as things stand (its lifetime, absolute expiry or idle end, the earliest);
    /// nil: it has no end.
    let expiresAt: Int64?
    /// The decision's time, for the seconds left.
    let now: Int64

    /// The times of `record` at `now`, its service's idle timeout being `idleLimit`.
    init(_ record: TokenRecord, idleLimit: Int64?, now: Int64) {
        issuedAt = record.issuedAt
        expiresAt = record.end(idleLimit: idleLimit)
        self.now = now
    }

    /// Times given outright (the OpenAPI export's samples).
    init(issuedAt: Int64, expiresAt: Int64?, now: Int64) {
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.now = now
    }

    /// The value of `field`; nil when the token has no end and `field` asks for it.
    func value(of field: TokenTimeField) -> JSONValue? {
        switch field {
        case .issuedAt: .string(RFC3339.string(epochSeconds: Int(issuedAt / 1000)))
        case .issuedAtUnix: .int(Int(issuedAt / 1000))
        case .expiresAt: expiresAt.map { .string(RFC3339.string(epochSeconds: Int($0 / 1000))) }
        case .expiresAtUnix: expiresAt.map { .int(Int($0 / 1000)) }
        case .expiresIn: expiresAt.map { .int(Int(max(0, $0 &- now) / 1000)) }
        }
    }
}

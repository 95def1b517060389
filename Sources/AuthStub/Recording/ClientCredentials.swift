/// The OAuth 2.0 client one recorded request for a grant (a body with `grant_type`)
/// authenticated as (RFC 6749 §2.3.1): `Authorization: Basic`, its id and secret form-decoded,
/// or else the body's `client_id` and `client_secret` (none: a public client).
struct ClientCredentials: Equatable {
    /// The client id.
    var id: String
    /// The client secret; empty for a public client.
    var secret: String
    /// Whether they travelled in `Authorization: Basic`.
    var basic: Bool

    /// `Authorization: Basic` or `body fields client_id/client_secret`, for interpretations.
    var description: String { basic ? "Authorization: Basic (an OAuth client)" : "body fields client_id/client_secret" }
}

extension ClientCredentials {
    /// The client `exchange` authenticated as; nil when it named none.
    init?(_ exchange: RecordedExchange) {
        guard let fields = exchange.requestFields, fields["grant_type"] != nil else { return nil }
        if let authorization = exchange.authorization, authorization.scheme.lowercased() == "basic",
            let (id, secret) = Engine.basicPair(authorization.credentials)
        {
            self.init(
                id: PercentDecoding.decode(Substring(id), plusIsSpace: true),
                secret: PercentDecoding.decode(Substring(secret), plusIsSpace: true),
                basic: true
            )
            return
        }
        guard let id = fields["client_id"]?.stringValue else { return nil }
        self.init(id: id, secret: fields["client_secret"]?.stringValue ?? "", basic: false)
    }
}

extension RecordedExchange {
    /// Whether the request carried credentials a login reads: a user's or an OAuth client's.
    var carriesCredentials: Bool { LoginCredentials(self) != nil || ClientCredentials(self) != nil }
}

public import Foundation
public import StubHTTP

/// Where a fixture's content comes from: the seed document and the part of it replayed.
public struct FixtureSource: Sendable, Equatable {
    /// The seed file name, e.g. `002_0c28b2fccdf52ead.txt`.
    public var seed: String
    /// The heading, example or sentence in that document.
    public var reference: String?
}

/// Where a login's credential check reads a username and password: an open set of names (a
/// later version may add places), built by its static members.
public struct CredentialScheme: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The scheme's name, as fixtures write `credentials.scheme` for it.
    public let rawValue: String
    /// The scheme named `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Two fields of the request body, JSON or form (fixtures may also write `"jsonBody"`).
    public static let body = CredentialScheme(rawValue: "body")
    /// `Authorization: Basic base64(user:password)`.
    public static let basic = CredentialScheme(rawValue: "basic")
    /// An OAuth 2.0 client (RFC 6749 §2.3.1): `Authorization: Basic` with the form-encoded id
    /// and secret, or the body fields `client_id` and `client_secret`; a public client (an
    /// account with an empty password) sends `client_id` alone.
    public static let client = CredentialScheme(rawValue: "client")
    /// The scheme's name.
    public var description: String { rawValue }
}

/// One credential check of a login: where the pair travels and the account list it must be
/// found in. A login passes when all its checks do.
public struct CredentialCheck: Sendable, Equatable {
    /// The default account list: the service's `users`, which the control API can add to.
    public static let userList = "users"

    /// Where the username and password travel.
    public var scheme: CredentialScheme
    /// For `body`: the field holding the username.
    public var usernameField = "username"
    /// For `body`: the field holding the password.
    public var passwordField = "password"
    /// The `WWW-Authenticate` value of a 401 refusal (for `basic`, e.g. `Basic realm="api"`).
    public var challenge: String?
    /// The account list the pair must be found in: `users` or a name under the service's `accounts`.
    public var accounts = CredentialCheck.userList
    /// The name a refusal answer picks it by (`"check"` on a response); nil: unnamed.
    public var name: String?

    /// Whether the credentials travel in the request body (so a login needs one).
    var readsBody: Bool { scheme == .body }
}

extension [CredentialCheck] {
    /// The check whose user a login logs in (`{{user}}`): the one against `users`, else the last.
    var namingIndex: Int? {
        firstIndex { $0.accounts == CredentialCheck.userList } ?? indices.last
    }
}

/// Where requests carry a service's token, and how long it lives.
public struct TokenScheme: Sendable, Equatable {
    /// Where the token travels: a header of its own, `Authorization` with a scheme, or a
    /// cookie. An open type (a later version may add places), built by its static members.
    public struct Carrier: Sendable, Equatable {
        /// The kind of place a token travels in: an open set of values.
        public struct Place: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
            /// The place's name, as fixtures write `token.scheme` for it.
            public let rawValue: String
            /// The place named `rawValue`.
            public init(rawValue: String) { self.rawValue = rawValue }
            /// A header of its own, e.g. `auth-token`.
            public static let header = Place(rawValue: "header")
            /// `Authorization: <scheme> <token>`.
            public static let authorization = Place(rawValue: "authorization")
            /// A cookie of the `Cookie` header.
            public static let cookie = Place(rawValue: "cookie")
            /// The place's name.
            public var description: String { rawValue }
        }

        /// The kind of place.
        public var place: Place
        /// The header's name, the `Authorization` scheme (compared case-insensitively, RFC 9110
        /// §11.1) or the cookie's name.
        public var name: String

        /// A header of its own, e.g. `auth-token`.
        public static func header(_ name: String) -> Carrier { Carrier(place: .header, name: name) }
        /// `Authorization: <scheme> <token>`, e.g. django-rest-knox's `Token`.
        public static func authorization(scheme: String) -> Carrier { Carrier(place: .authorization, name: scheme) }
        /// `Authorization: Bearer <token>` (RFC 6750).
        public static let bearer = authorization(scheme: "Bearer")
        /// A cookie, e.g. `sessionid`; the login sets it with a `Set-Cookie` header template.
        public static func cookie(_ name: String) -> Carrier { Carrier(place: .cookie, name: name) }

        /// The header's name when the token travels in a header of its own.
        public var headerName: String? { place == .header ? name : nil }
    }

    /// Where the token travels.
    public var carrier: Carrier
    /// A token unused for this long is expired (milliseconds, the engine's time); nil: no idle expiry.
    var idleTimeoutMilliseconds: Int64?
    /// A token ends this long after its issue (milliseconds); nil: no lifetime. With an idle
    /// timeout too, the earlier end wins; a login's `expiresAtField` overrides it.
    var lifetimeMilliseconds: Int64?
    /// The `WWW-Authenticate` value on a 401 for a bad token.
    public var challenge: String?
    /// A login body field giving the token an absolute expiry (RFC 3339), e.g. `expirationTime`.
    public var expiresAtField: String?
    /// A login body field with a note kept on the token, e.g. `note`.
    public var noteField: String?
    /// What its tokens look like.
    public var format = TokenFormat.uuid
    /// Its refresh tokens; nil: its logins issue none.
    public var refresh: RefreshScheme?
    /// Its OpenID Connect ID tokens (`idToken`); nil: none.
    var idToken: IDTokenRule?

    /// A token unused for this long is expired; nil: no idle expiry.
    public var idleTimeout: Duration? { idleTimeoutMilliseconds.map { .milliseconds($0) } }
    /// A token ends this long after its issue; nil: no lifetime.
    public var lifetime: Duration? { lifetimeMilliseconds.map { .milliseconds($0) } }

    /// The end a token issued at `issuedAt` gets from the lifetime; nil: none.
    func lifetimeEnd(issuedAt: Int64) -> Int64? {
        lifetimeMilliseconds.map { issuedAt &+ $0 }
    }
}

/// A user a service's login accepts.
public struct FixtureUser: Sendable, Equatable {
    /// The user's name, unique within the service.
    public var username: String
    /// The user's password (may be empty).
    public var password: String
    /// What the fixture says about the user beyond its name (`{"email": …, "id": 42}`), shown by
    /// `{{user.<field>}}`; not secret.
    public var data: JSONObject = [:]
}

/// The shape of a service's own error answers, for refusals its document does not spell out.
public struct ErrorTemplate: Sendable, Equatable {
    /// `Content-Type` of the error body.
    public var mediaType: String { didSet { prepare() } }
    /// Headers sent with every error (e.g. `Vary: Accept`).
    public var headers: [HeaderTemplate] { didSet { prepare() } }
    /// The body, with `{{status}}` and `{{message}}` placeholders.
    public var body: JSONValue { didSet { prepare() } }
    /// The answer prepared once: `Content-Type`, then the headers and the body (its status is
    /// each refusal's own).
    private(set) var prepared = PreparedExample(status: .internalServerError, fields: [], body: nil)

    init(mediaType: String, headers: [HeaderTemplate], body: JSONValue) {
        self.mediaType = mediaType
        self.headers = headers
        self.body = body
        prepare()
    }

    private mutating func prepare() {
        prepared = PreparedExample(status: .internalServerError, headers: headers, body: body)
        prepared.fields.insert(PreparedExample.Field(name: "Content-Type", value: [.literal(Array(mediaType.utf8))]), at: 0)
    }
}

/// A header whose value may hold placeholders.
public struct HeaderTemplate: Sendable, Equatable {
    /// The header's name, e.g. `Content-Type`.
    public var name: String
    /// The header's value, which may hold placeholders such as `{{token}}`.
    public var value: String
}

/// What an endpoint does with tokens and credentials: an open set of names (a later version may
/// add roles, so a `switch` over it needs a `default`).
public struct EndpointRole: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The role's name as fixtures write it, e.g. `login`.
    public var rawValue: String

    /// The role named `rawValue` (the engine serves only the ``known`` ones).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Checks credentials and issues a token.
    public static let login = EndpointRole(rawValue: "login")
    /// Requires a valid token and revokes it.
    public static let logout = EndpointRole(rawValue: "logout")
    /// Requires a valid token and records a use of it (like `/auth/bump`).
    public static let touch = EndpointRole(rawValue: "touch")
    /// Requires a valid token; every success touches it.
    public static let requiresToken = EndpointRole(rawValue: "requiresToken")
    /// No credentials, no token.
    public static let `public` = EndpointRole(rawValue: "public")
    /// Exchanges a refresh token (read by the endpoint's `refreshToken` selector) for a new
    /// access token, and with rotation a new refresh token.
    public static let refresh = EndpointRole(rawValue: "refresh")

    /// An OAuth 2.0 authorization endpoint (RFC 6749 §4.1.1, no login page): checks the client,
    /// its redirect URI, the response type, scope and PKCE challenge, and issues an authorization
    /// code for the user the control API chose (else the service's first), answering with a
    /// redirect (`{{redirect}}`).
    public static let authorize = EndpointRole(rawValue: "authorize")
    /// Redeems an authorization code (RFC 6749 §4.1.3, RFC 7636 §4.6) for an access token and,
    /// when the service has refresh tokens, a refresh token.
    public static let redeemCode = EndpointRole(rawValue: "redeemCode")
    /// Ends the session of the ID token the request names (`id_token_hint`, OpenID Connect
    /// RP-Initiated Logout 1.0 §2): its whole family; with `post_logout_redirect_uri` (one of its
    /// client's redirect URIs) the answer redirects there with `state` (`{{redirect}}`).
    public static let endSession = EndpointRole(rawValue: "endSession")

    /// Answers whether the token a request names (read by the endpoint's `subjectToken`
    /// selector) is active, without using it (RFC 7662 token introspection).
    public static let introspect = EndpointRole(rawValue: "introspect")
    /// Revokes the token a request names (its `subjectToken`): an access token alone, a refresh
    /// token with its family; an unknown or ended one is a success too (RFC 7009).
    public static let revoke = EndpointRole(rawValue: "revoke")

    /// The roles this version serves, in the order error messages list them.
    public static let known: [EndpointRole] = [
        .login, .logout, .touch, .requiresToken, .public, .refresh, .authorize, .redeemCode, .introspect, .revoke, .endSession,
    ]

    /// The role's name.
    public var description: String { rawValue }
}

/// Which outcome a response example documents: an open set of names (a later version may add
/// conditions, so a `switch` over it needs a `default`).
public struct ResponseCondition: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The condition's name as fixtures write it (`"when"`), e.g. `badToken`.
    public var rawValue: String

    /// The condition named `rawValue` (the engine answers only the ``known`` ones).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Accepted: the credentials or the token check out, or the endpoint needs neither.
    public static let success = ResponseCondition(rawValue: "success")
    /// A login's credentials are missing, malformed or wrong (401).
    public static let badCredentials = ResponseCondition(rawValue: "badCredentials")
    /// The request's `scope` names a scope the service does not offer or the client may not ask
    /// for (RFC 6749 §3.3; 400, OAuth 2.0's `invalid_scope`).
    public static let badScope = ResponseCondition(rawValue: "badScope")
    /// An authorization request's `client_id` is missing or unknown, or its `redirect_uri` is not
    /// one the client registered (400; RFC 6749 §4.1.2.1: no redirect).
    public static let badClient = ResponseCondition(rawValue: "badClient")
    /// The authorization was denied: the control API said so for the next one (403, OAuth
    /// 2.0's `access_denied`).
    public static let accessDenied = ResponseCondition(rawValue: "accessDenied")
    /// The token is missing, unknown, expired, disabled or logged out (401).
    public static let badToken = ResponseCondition(rawValue: "badToken")
    /// A login's body is unusable: empty, not a JSON object, or a field missing or malformed (400).
    public static let badRequest = ResponseCondition(rawValue: "badRequest")
    /// A login's body comes without a JSON `Content-Type` (`application/json` or `application/…+json`) (415).
    public static let unsupportedMediaType = ResponseCondition(rawValue: "unsupportedMediaType")
    /// `Accept` allows none of the media types the endpoint's success examples offer (406).
    public static let notAcceptable = ResponseCondition(rawValue: "notAcceptable")
    /// The endpoint has been removed, after its sunset or through the control API (410).
    public static let gone = ResponseCondition(rawValue: "gone")
    /// A header the service or endpoint requires (`requiredHeaders`) is missing or wrong (401).
    public static let badHeader = ResponseCondition(rawValue: "badHeader")
    /// A login's password is right but it sent no one-time code; one was made (401).
    public static let codeRequired = ResponseCondition(rawValue: "codeRequired")
    /// A login's one-time code is wrong or expired (401).
    public static let badCode = ResponseCondition(rawValue: "badCode")
    /// An unsafe request to a token route lacks the service's CSRF header and cookie, or they
    /// differ or hold a value the server did not make (403).
    public static let badCsrf = ResponseCondition(rawValue: "badCsrf")

    /// An `introspect` endpoint's token is unknown, expired, revoked or ended with its family:
    /// the inactive answer (200, RFC 7662 §2.2).
    public static let inactive = ResponseCondition(rawValue: "inactive")
    /// The token is valid but its scope lacks the endpoint's `requiredScope` (403, RFC 6750 §3.1).
    public static let insufficientScope = ResponseCondition(rawValue: "insufficientScope")
    /// The request is over one of the route's rate limits (`rateLimits`): 429 with `Retry-After`
    /// (RFC 6585 §4).
    public static let rateLimited = ResponseCondition(rawValue: "rateLimited")
    /// A login of a locked account: too many wrong passwords (`lockout`) or the control API
    /// locked it; asked before the password is checked (423).
    public static let accountLocked = ResponseCondition(rawValue: "accountLocked")
    /// A login with the right password of an account whose password expired (control API) (403).
    public static let passwordExpired = ResponseCondition(rawValue: "passwordExpired")
    /// A login of an account the control API disabled; asked before the password is checked (403).
    public static let accountDisabled = ResponseCondition(rawValue: "accountDisabled")

    /// The conditions this version answers, in the order error messages list them.
    public static let known: [ResponseCondition] = [
        .success, .badCredentials, .badToken, .badRequest, .unsupportedMediaType, .notAcceptable, .gone, .badHeader,
        .codeRequired, .badCode, .badCsrf,
        .badScope, .badClient, .accessDenied, .inactive, .insufficientScope,
        .rateLimited, .accountLocked, .passwordExpired, .accountDisabled,
    ]

    /// The condition's name.
    public var description: String { rawValue }
}

/// One documented response, replayed with its placeholders filled in.
public struct ResponseExample: Sendable, Equatable {
    /// The example's name, unique within its endpoint (`X-AuthStub-Example: wice/login#<name>`).
    public var name: String
    /// The outcome it answers.
    public var condition: ResponseCondition
    /// Used only when the request's JSON body has at least one of these fields.
    public var requestBodyHasAny: [String]
    /// Where in the seed document it comes from.
    public var source: FixtureSource?
    /// The status it answers with.
    public var status: HTTPStatus { didSet { prepare() } }
    /// Its headers, whose values may hold placeholders.
    public var headers: [HeaderTemplate] { didSet { prepare() } }
    /// The body template; nil sends no body.
    public var body: JSONValue? { didSet { prepare() } }
    /// For a refusal: used only for these reasons; empty: for any.
    public var reasons: [RefusalReason] = []
    /// For `badCredentials`: used only when the credential check of this name failed; nil: any.
    public var check: String?
    /// Used only when these request values hold (`"match"`); nil: always.
    var match: RequestMatch?
    /// On an `authorize` endpoint's refusal: the OAuth 2.0 error code `{{redirect}}` carries
    /// (`error=`, with `error_description` and `state`; RFC 6749 §4.1.2.1); nil: none.
    public var redirectError: String?

    /// The answer prepared once, when the example is read (and again if it is changed).
    private(set) var prepared = PreparedExample(status: .ok, fields: [], body: nil)

    init(
        name: String,
        condition: ResponseCondition,
        requestBodyHasAny: [String],
        source: FixtureSource?,
        status: HTTPStatus,
        headers: [HeaderTemplate],
        body: JSONValue?,
        reasons: [RefusalReason],
        check: String?,
        match: RequestMatch?,
        redirectError: String?
    ) {
        self.name = name
        self.condition = condition
        self.requestBodyHasAny = requestBodyHasAny
        self.source = source
        self.status = status
        self.headers = headers
        self.body = body
        self.reasons = reasons
        self.check = check
        self.match = match
        self.redirectError = redirectError
        prepare()
    }

    /// The `Content-Type` this example declares, used for Accept negotiation.
    public private(set) var mediaType: String?

    private mutating func prepare() {
        prepared = PreparedExample(status: status, headers: headers, body: body)
        mediaType = headers.first { $0.name.lowercased() == "content-type" }?.value
    }
}

/// A deprecated endpoint's lifecycle: deprecated, then (after its sunset) removed.
public struct DeprecationFixture: Sendable, Equatable {
    /// When it was deprecated, for the `Deprecation` header (milliseconds on the server clock).
    var deprecatedAtMilliseconds: Int64?
    /// After this instant on the server clock the endpoint answers 410 (milliseconds).
    var sunsetAtMilliseconds: Int64?
    /// When it was deprecated, for the `Deprecation` header.
    public var deprecatedAt: Date? { deprecatedAtMilliseconds.map(ServerTime.date) }
    /// After this instant on the server clock the endpoint answers 410.
    public var sunsetAt: Date? { sunsetAtMilliseconds.map(ServerTime.date) }
    /// The method to use instead.
    public var successorMethod: HTTPMethod?
    /// The path to use instead.
    public var successorPath: String?
}

/// The request a documented example shows, for `verify` and the dashboard.
public struct RequestExample: Sendable, Equatable {
    /// The headers it sends; values may hold placeholders such as `{{token}}` or `{{credentials}}`.
    public var headers: [HeaderTemplate]
    /// The body it sends, which may hold placeholders; nil: none.
    public var body: JSONValue?
}

/// One documented endpoint of a service.
public struct EndpointFixture: Sendable, Equatable {
    /// Its name, unique within the service (the file name without `.json`).
    public var name: String
    /// What the seed document says it does.
    public var summary: String?
    /// Where in the seed document it comes from.
    public var source: FixtureSource?
    /// The method it answers.
    public var method: HTTPMethod
    /// The path without the service's base path, e.g. `/v1/auth/login`.
    public var path: String
    /// What it does with tokens and credentials.
    public var role: EndpointRole
    /// Headers it requires, in place of its service's; nil: the service's.
    public var requiredHeaders: [RequiredHeader]?
    /// A login's credential checks, in place of its service's; nil: the service's.
    public var credentials: [CredentialCheck]?
    /// A public endpoint that makes a CSRF value for `{{csrfToken}}` (like Sanctum's
    /// `GET /sanctum/csrf-cookie`); a login of a service with `csrf` always does.
    public var issuesCsrf = false
    /// Its deprecation lifecycle; nil when it is not deprecated.
    public var deprecation: DeprecationFixture?
    /// The request body formats it takes (`"accepts"`); nil when the fixture does not say:
    /// JSON, and only a login refuses other bodies.
    public var accepts: [RequestBodyType]?
    /// Serves its route only when these request values hold (`"match"`): endpoints may share a
    /// method and path when their matches differ. nil: it serves whatever the others do not.
    var match: RequestMatch?
    /// The request its seed document shows, when it shows one.
    public var request: RequestExample?
    /// Its documented responses, in file order: the order they are tried in.
    public var responses: [ResponseExample]
    /// The file it was loaded from.
    public var file: String
    /// A `refresh` endpoint: where the request carries the refresh token.
    var refreshToken: ValueSelector?
    /// An `introspect` or `revoke` endpoint: where the request names the token it is about
    /// (`"subjectToken"`, e.g. `body.token`).
    var subjectToken: ValueSelector?
    /// Scopes the token's grant must hold, all of them (`"requiredScope"`); empty: none.
    public var requiredScope: [String] = []
    /// A `logout` endpoint: which tokens it ends (`"revokes"`); default the presented token.
    public var revokes = RevocationScope.token
    /// Other services whose tokens it takes, beside those its service takes
    /// (`"acceptsTokensFrom"`).
    public var acceptsTokensFrom: [String] = []
    /// An `authorize` (or `endSession`) endpoint: the service's account list that holds its
    /// clients (`"clients"`).
    public var clients: String?
    /// Its own rate limits, counted beside its service's (`"rateLimits"`).
    public var rateLimits: [RateLimit] = []
}

/// One service: its settings and its endpoints.
public struct ServiceFixture: Sendable, Equatable {
    /// Its name, unique among the loaded services, e.g. `wice`.
    public var name: String
    /// A human-readable title, e.g. the seed document's heading.
    public var title: String?
    /// Where in the seed document its settings come from.
    public var source: FixtureSource?
    /// Prefixes the endpoints are served under; `""` serves them at their own path.
    public var basePaths: [String]
    /// Its logins' credential checks, all of which must pass (an endpoint may set its own).
    public var credentials: [CredentialCheck]
    /// Where its token travels and how long it lives.
    public var token: TokenScheme
    /// The users its login accepts, as the fixture lists them (the control API can add more).
    public var users: [FixtureUser]
    /// Further account lists by name (`"accounts"`), e.g. `clients`, for checks that name them.
    public var accounts: [String: [FixtureUser]] = [:]
    /// The OAuth 2.0 scopes it offers (`"scopes"`, RFC 6749 §3.3); nil: it reads no `scope`.
    public var scopes: [String]?
    /// Headers every request to its endpoints must carry (an endpoint may set its own).
    public var requiredHeaders: [RequiredHeader] = []
    /// Its login's one-time code step; nil: none.
    public var oneTimeCode: OneTimeCodeRule?
    /// Its CSRF check for unsafe requests to token routes; nil: none.
    public var csrf: CsrfRule?
    /// Its account lockout after wrong passwords; nil: none.
    public var lockout: LockoutRule?
    /// Other services whose tokens its token routes take as their own (`"acceptsTokensFrom"`).
    public var acceptsTokensFrom: [String] = []
    /// Unknown paths under its base paths (404) and wrong methods (405) get its `errors` shape
    /// (`"unknownRoutes": "serviceErrors"`) instead of AuthStub's near-miss answer.
    var answersUnknownRoutes = false
    /// Where requests under its base paths that no fixture matches are forwarded (`"proxy"`),
    /// an http or https URL with an optional base path; nil: they get a 404 or 405.
    public var proxy: URL?
    /// Whether `authstub verify` checks it when no `--service` names the services to check
    /// (`"verifyByDefault": false` leaves it out unless named).
    public var verifiedByDefault = true
    /// The shape of its own error answers, for refusals no example documents.
    public var errors: ErrorTemplate
    /// Its documented endpoints.
    public var endpoints: [EndpointFixture]
    /// The folder it was loaded from.
    public var directory: String
    /// The keys that sign its JWTs (`"signingKeys"`, a JWK Set with private members), in order.
    var signingKeys: [SigningKey] = []
    /// Rate limits on all its endpoints (`"rateLimits"`).
    public var rateLimits: [RateLimit] = []
}

extension ServiceFixture {
    /// The account `name` of the fixture's list `list` (not `users`, which the control API changes).
    func account(_ name: String, in list: String) -> FixtureUser? {
        accounts[list]?.first { $0.username == name }
    }

    /// The credential checks a login at `endpoint` runs: its own, else the service's.
    public func credentialChecks(of endpoint: EndpointFixture) -> [CredentialCheck] {
        endpoint.credentials ?? credentials
    }
}

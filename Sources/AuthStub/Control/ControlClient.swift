public import Foundation
import StubHTTP

#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

/// The control operations of a server in another process (an app under UI test, a
/// frontend's fake started with `authstub serve`), sent over its control API with URLSession.
///
/// ```swift
/// let control = ControlClient(baseURL: URL(string: "http://127.0.0.1:8080")!)
/// try await control.addFault(.unauthorized, times: 1)
/// ```
///
/// It implements `AuthStubControl` like the in-process `AuthStubServer`, and throws the same
/// `ControlError`s; transport failures are URLSession's own errors.
public struct ControlClient: AuthStubControl {
    /// The control API's URL, e.g. `http://127.0.0.1:8080/__control`.
    public let controlURL: URL
    /// Sent as `Authorization: Bearer <token>` when set (servers bound beyond loopback need it).
    public let controlToken: String?
    private let session: URLSession

    /// A client for the control API at `controlURL`.
    public init(controlURL: URL, controlToken: String? = nil, session: URLSession = .shared) {
        self.controlURL = controlURL
        self.controlToken = controlToken
        self.session = session
    }

    /// A client for the server at `baseURL`, whose control API is under `controlPrefix`.
    public init(baseURL: URL, controlPrefix: String = "/__control", controlToken: String? = nil, session: URLSession = .shared) {
        let prefix = controlPrefix.hasPrefix("/") ? controlPrefix : "/" + controlPrefix
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        self.init(controlURL: URL(string: base + prefix) ?? baseURL, controlToken: controlToken, session: session)
    }

    public func status() async throws -> ServerStatus {
        try await send(ControlRoutes.status)
    }

    public func reset() async throws {
        try await send(ControlRoutes.reset)
    }

    @discardableResult
    public func addFault(_ fault: Fault) async throws -> InstalledFault {
        try await send(ControlRoutes.addFault, fault)
    }

    public func faults(limit: Int?, after: String?) async throws -> FaultPage {
        try await send(ControlRoutes.faults, PageRequest(limit: limit, after: after))
    }

    public func removeFault(id: String) async throws {
        try await send(ControlRoutes.removeFault, id)
    }

    public func clearFaults() async throws {
        try await send(ControlRoutes.clearFaults)
    }

    public func tokens(limit: Int?, after: String?) async throws -> TokenPage {
        try await send(ControlRoutes.tokens, PageRequest(limit: limit, after: after))
    }

    public func mintToken(service: String, user: String?) async throws -> TokenInfo {
        try await send(ControlRoutes.mintToken, TokenRequest(service: service, user: user))
    }

    @discardableResult
    public func expireToken(_ token: String, family: Bool) async throws -> TokenInfo {
        try await send(ControlRoutes.expireToken, (token, TokenEnding(family: family)))
    }

    @discardableResult
    public func revokeToken(_ token: String, family: Bool) async throws -> TokenInfo {
        try await send(ControlRoutes.revokeToken, (token, TokenEnding(family: family)))
    }

    @discardableResult
    public func expireAllTokens() async throws -> Int {
        try await send(ControlRoutes.expireAllTokens)
    }

    @discardableResult
    public func revokeTokens(service: String, user: String) async throws -> Int {
        try await send(ControlRoutes.revokeUserTokens, TokenRequest(service: service, user: user))
    }

    @discardableResult
    public func setToken(_ token: String, enabled: Bool) async throws -> TokenInfo {
        try await send(ControlRoutes.setToken, (token, TokenEnabling(enabled: enabled)))
    }

    public func clock() async throws -> ClockStatus {
        try await send(ControlRoutes.clock)
    }

    @discardableResult
    public func changeClock(_ change: ClockChange) async throws -> ClockStatus {
        try await send(ControlRoutes.changeClock, change)
    }

    public func requests(_ filter: JournalFilter, limit: Int?, after: Int?) async throws -> JournalPage {
        try await send(ControlRoutes.requests, (filter, PageRequest(limit: limit, after: after.map(String.init))))
    }

    public func countRequests(_ filter: JournalFilter) async throws -> Int {
        try await send(ControlRoutes.countRequests, filter)
    }

    public func clearRequests() async throws {
        try await send(ControlRoutes.clearRequests)
    }

    public func checkRequests(_ checks: [AuthCheck]) async throws -> AuthCheckReport {
        try await send(ControlRoutes.verify, AuthCheckRequest(checks: checks))
    }

    public func deprecations() async throws -> [DeprecationInfo] {
        try await send(ControlRoutes.deprecations)
    }

    @discardableResult
    public func setDeprecation(_ change: DeprecationChange) async throws -> DeprecationInfo {
        try await send(ControlRoutes.setDeprecation, change)
    }

    public func fixtureSummaries() async throws -> [FixtureSummary] {
        try await send(ControlRoutes.fixtures)
    }

    @discardableResult
    public func addFixtures(_ addition: FixtureAddition) async throws -> [FixtureSummary] {
        try await send(ControlRoutes.addFixtures, addition)
    }

    @discardableResult
    public func reloadFixtures() async throws -> [FixtureSummary] {
        try await send(ControlRoutes.reloadFixtures)
    }

    public func users(showingPasswords: Bool) async throws -> [ServiceUser] {
        try await send(ControlRoutes.users, UserListing(showingPasswords: showingPasswords))
    }

    @discardableResult
    public func setUser(_ user: ServiceUser) async throws -> ServiceUser {
        try await send(ControlRoutes.setUser, user)
    }

    @discardableResult
    public func setAccountState(_ change: AccountStateChange) async throws -> ServiceUser {
        try await send(ControlRoutes.setAccountState, change)
    }

    @discardableResult
    public func setNextAuthorization(_ next: NextAuthorization) async throws -> NextAuthorization {
        try await send(ControlRoutes.nextAuthorization, next)
    }

    @discardableResult
    public func registerRedirectURI(_ registration: RedirectURIRegistration) async throws -> RedirectURIRegistration {
        try await send(ControlRoutes.registerRedirectURI, registration)
    }

    public func oneTimeCode(service: String, user: String) async throws -> OneTimeCodeInfo {
        try await send(ControlRoutes.oneTimeCode, CodeLookup(service: service, user: user))
    }

    @discardableResult
    public func setOneTimeCode(service: String, user: String, code: String?) async throws -> OneTimeCodeInfo {
        try await send(ControlRoutes.setOneTimeCode, CodeSetting(service: service, user: user, code: code))
    }

    public func pact(consumer: String, provider: String) async throws -> JSONValue {
        try await send(ControlRoutes.pact, PactNames(consumer: consumer, provider: provider))
    }

    @discardableResult
    public func setUpProviderState(_ state: PactProviderState, service: String, token: String?, user: String?) async throws -> String {
        let change = ProviderStateChange(states: [state], action: .setup, service: service, token: token, user: user)
        return try await send(ControlRoutes.providerStates, change).token ?? ""
    }

    public func signingKeys(service: String) async throws -> [SigningKeyInfo] {
        try await send(ControlRoutes.signingKeys, KeyListing(service: service))
    }

    @discardableResult
    public func rotateSigningKey(service: String, kid: String?, jwk: JSONObject?) async throws -> SigningKeyInfo {
        try await send(ControlRoutes.rotateSigningKey, KeyRotation(service: service, kid: kid, jwk: jwk))
    }

    public func unpublishSigningKey(_ kid: String) async throws {
        try await send(ControlRoutes.unpublishSigningKey, kid)
    }

    public func queueClaims(_ claims: JSONObject, service: String, count: Int) async throws {
        try await send(ControlRoutes.queueClaims, ClaimsQueueing(service: service, claims: claims, count: count))
    }

    public func setTokenSkew(_ skew: Duration, service: String) async throws {
        try await send(ControlRoutes.setTokenSkew, TokenSkewSetting(service: service, seconds: skew.components.seconds))
    }

    // MARK: - HTTP

    private func send<Output>(_ route: ControlRoute<Void, Output>) async throws -> Output {
        try await send(route, ())
    }

    /// Sends one control request as `route` declares it; returns the answer, or throws the
    /// `ControlError` the server answered with.
    private func send<Input, Output>(_ route: ControlRoute<Input, Output>, _ input: Input) async throws -> Output {
        let message = route.input.write(input)
        var text = controlURL.absoluteString
        if text.hasSuffix("/") { text.removeLast() }
        text += try route.path.filled(with: message.parameters, encode: Self.encode)
        if !message.query.isEmpty {
            var items: [String] = []
            for item in message.query { items.append(try Self.encode(item.name) + "=" + Self.encode(item.value)) }
            text += "?" + items.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw ControlError(status: 400, message: "cannot make a URL from \(text)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = route.method.rawValue
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let controlToken { request.setValue("Bearer \(controlToken)", forHTTPHeaderField: "Authorization") }
        if let body = message.body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.serializedBytes())
        }
        return try route.output.read(try await answer(to: request))
    }

    /// The JSON answer (`{}` for 204), or the `ControlError` the server answered with.
    private func answer(to request: URLRequest) async throws -> JSONValue {
        let (data, response) = try await session.data(for: request)
        let status = HTTPStatus(code: (response as? HTTPURLResponse)?.statusCode ?? 0)
        let json: JSONValue? = data.isEmpty ? nil : try? JSONValue.parse([UInt8](data))
        guard status.kind == .successful else {
            guard let json else {
                throw ControlError(
                    status: status,
                    message: "the control API answered \(status): \(String(decoding: data.prefix(200), as: UTF8.self))"
                )
            }
            throw ControlError.decode(json, status: status)
        }
        if data.isEmpty { return .object([:]) }
        guard let json else {
            throw ControlError(status: status, message: "the control API's answer is not JSON: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        return json
    }

    /// Everything but the unreserved characters (RFC 3986 §2.3), percent-encoded.
    private static func encode(_ text: String) throws(ControlError) -> String {
        guard let encoded = text.addingPercentEncoding(withAllowedCharacters: .unreserved) else {
            throw ControlError(status: 400, message: "cannot percent-encode \(text)")
        }
        return encoded
    }
}

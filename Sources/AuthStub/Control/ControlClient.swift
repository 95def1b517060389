public import Foundation

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
        try ServerStatus.decode(try await call("GET", ["status"]), strict: false)
    }

    public func reset() async throws {
        _ = try await call("POST", ["reset"])
    }

    @discardableResult
    public func addFault(_ fault: Fault) async throws -> InstalledFault {
        try InstalledFault.decode(try await call("POST", ["faults"], body: fault.json), strict: false)
    }

    public func faults() async throws -> [InstalledFault] {
        try list(try await call("GET", ["faults"]), "faults", InstalledFault.self)
    }

    public func removeFault(id: String) async throws {
        _ = try await call("DELETE", ["faults", id])
    }

    public func clearFaults() async throws {
        _ = try await call("DELETE", ["faults"])
    }

    public func tokens() async throws -> [TokenInfo] {
        try list(try await call("GET", ["tokens"]), "tokens", TokenInfo.self)
    }

    public func mintToken(service: String, user: String?) async throws -> TokenInfo {
        try TokenInfo.decode(try await call("POST", ["tokens"], body: TokenRequest(service: service, user: user).json), strict: false)
    }

    @discardableResult
    public func expireToken(_ token: String) async throws -> TokenInfo {
        try TokenInfo.decode(try await call("POST", ["tokens", token, "expire"]), strict: false)
    }

    @discardableResult
    public func expireAllTokens() async throws -> Int {
        let answer = try await call("POST", ["tokens", "expire"])
        guard let expired = answer["expired"]?.intValue else { throw ControlError(status: 200, message: "no \"expired\" number") }
        return expired
    }

    @discardableResult
    public func setToken(_ token: String, enabled: Bool) async throws -> TokenInfo {
        try TokenInfo.decode(try await call("PATCH", ["tokens", token], body: TokenEnabling(enabled: enabled).json), strict: false)
    }

    public func clock() async throws -> ClockStatus {
        try ClockStatus.decode(try await call("GET", ["clock"]), strict: false)
    }

    @discardableResult
    public func changeClock(_ change: ClockChange) async throws -> ClockStatus {
        try ClockStatus.decode(try await call("POST", ["clock"], body: change.json), strict: false)
    }

    public func requests(_ filter: JournalFilter) async throws -> [JournalEntry] {
        try list(try await call("GET", ["requests"], query: filter.queryItems), "requests", JournalEntry.self)
    }

    public func countRequests(_ filter: JournalFilter) async throws -> Int {
        let answer = try await call("POST", ["requests", "count"], body: filter.json)
        guard let count = answer["count"]?.intValue else { throw ControlError(status: 200, message: "no \"count\" number") }
        return count
    }

    public func clearRequests() async throws {
        _ = try await call("DELETE", ["requests"])
    }

    public func deprecations() async throws -> [DeprecationInfo] {
        try list(try await call("GET", ["deprecations"]), "deprecations", DeprecationInfo.self)
    }

    @discardableResult
    public func setDeprecation(_ change: DeprecationChange) async throws -> DeprecationInfo {
        try DeprecationInfo.decode(try await call("PUT", ["deprecations"], body: change.json), strict: false)
    }

    public func fixtureSummaries() async throws -> [FixtureSummary] {
        try list(try await call("GET", ["fixtures"]), "fixtures", FixtureSummary.self)
    }

    @discardableResult
    public func addFixtures(_ addition: FixtureAddition) async throws -> [FixtureSummary] {
        try list(try await call("POST", ["fixtures"], body: addition.json), "fixtures", FixtureSummary.self)
    }

    @discardableResult
    public func reloadFixtures() async throws -> [FixtureSummary] {
        try list(try await call("POST", ["fixtures", "reload"]), "fixtures", FixtureSummary.self)
    }

    public func users() async throws -> [ServiceUser] {
        try list(try await call("GET", ["users"]), "users", ServiceUser.self)
    }

    @discardableResult
    public func setUser(_ user: ServiceUser) async throws -> ServiceUser {
        try ServiceUser.decode(try await call("POST", ["users"], body: user.json), strict: false)
    }

    public func pact(consumer: String, provider: String) async throws -> JSONValue {
        try await call("GET", ["pact"], query: [("consumer", consumer), ("provider", provider)])
    }

    @discardableResult
    public func setUpProviderState(_ state: PactProviderState, service: String, token: String?, user: String?) async throws -> String {
        let change = ProviderStateChange(states: [state], action: .setup, service: service, token: token, user: user)
        let answer = try await call("POST", ["provider-states"], body: change.json)
        return try ProviderStateAnswer.decode(answer, strict: false).token ?? ""
    }

    // MARK: - HTTP

    /// Sends one control request; returns the JSON answer (`{}` for 204), or throws the
    /// `ControlError` the server answered with.
    private func call(
        _ method: String,
        _ segments: [String],
        query: [(name: String, value: String)] = [],
        body: JSONValue? = nil
    ) async throws -> JSONValue {
        var text = controlURL.absoluteString
        if text.hasSuffix("/") { text.removeLast() }
        for segment in segments { text += "/" + (try Self.encode(segment)) }
        if !query.isEmpty {
            var items: [String] = []
            for item in query { items.append(try Self.encode(item.name) + "=" + Self.encode(item.value)) }
            text += "?" + items.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw ControlError(status: 400, message: "cannot make a URL from \(text)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let controlToken { request.setValue("Bearer \(controlToken)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.serializedBytes())
        }
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let json: JSONValue? = data.isEmpty ? nil : try? JSONValue.parse([UInt8](data))
        guard (200..<300).contains(status) else {
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

    /// The array under `key`, each element decoded.
    private func list<Element: ControlModel>(_ answer: JSONValue, _ key: String, _: Element.Type) throws -> [Element] {
        guard let elements = answer[key]?.arrayValue else {
            throw ControlError(status: 200, message: "the control API's answer has no \"\(key)\" array")
        }
        var decoded: [Element] = []
        for element in elements { decoded.append(try Element.decode(element, strict: false)) }
        return decoded
    }

    /// Everything but the unreserved characters (RFC 3986 §2.3), percent-encoded.
    private static func encode(_ text: String) throws(ControlError) -> String {
        guard let encoded = text.addingPercentEncoding(withAllowedCharacters: unreserved) else {
            throw ControlError(status: 400, message: "cannot percent-encode \(text)")
        }
        return encoded
    }

    /// RFC 3986 §2.3.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

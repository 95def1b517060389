public import StubHTTP

/// One request `verify` sends: a method, a path below the base URL, headers and a body.
public struct ContractRequest: Sendable, Equatable {
    /// The request method.
    public var method: HTTPMethod
    /// The full path on the server, e.g. `/m2m/v1/auth/login`.
    public var path: String
    /// The headers to send, in order.
    public var headers: [HTTPHeaderField]
    /// The body to send; empty for none.
    public var body: [UInt8]

    /// A request for `method` and `path` with `headers` and, when given, a `body`.
    public init(method: HTTPMethod, path: String, headers: [HTTPHeaderField], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// The answer to a `ContractRequest`.
public struct ContractResponse: Sendable, Equatable {
    /// The status the server answered with.
    public var status: HTTPStatus
    /// The headers of the answer.
    public var headers: [HTTPHeaderField]
    /// The body of the answer; empty when there was none.
    public var body: [UInt8]

    /// An answer with `status`, `headers` and `body`.
    public init(status: HTTPStatus, headers: [HTTPHeaderField], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name`, compared without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Sends contract requests to the server under test.
public protocol ContractTransport: Sendable {
    /// Sends `request` and returns the server's answer; throws when no usable answer came.
    func send(_ request: ContractRequest) async throws -> ContractResponse
}

/// Why a request got no usable answer.
public struct ContractTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, e.g. `not a URL: …`.
    public let message: String
    /// The message.
    public var description: String { message }

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
}

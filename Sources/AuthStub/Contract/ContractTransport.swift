public import StubHTTP

/// One request `verify` sends: a method, a path below the base URL, headers and a body.
public struct ContractRequest: Sendable, Equatable {
    public var method: HTTPMethod
    /// The full path on the server, e.g. `/m2m/v1/auth/login`.
    public var path: String
    public var headers: [HTTPHeaderField]
    public var body: [UInt8]

    public init(method: HTTPMethod, path: String, headers: [HTTPHeaderField], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// The answer to a `ContractRequest`.
public struct ContractResponse: Sendable, Equatable {
    public var status: HTTPStatus
    public var headers: [HTTPHeaderField]
    public var body: [UInt8]

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
    func send(_ request: ContractRequest) async throws -> ContractResponse
}

/// Why a request got no usable answer.
public struct ContractTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    public init(_ message: String) { self.message = message }
}

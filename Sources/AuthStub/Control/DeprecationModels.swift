public import Foundation
public import StubHTTP

/// A deprecated route's lifecycle as it stands now.
public struct DeprecationInfo: Sendable, Equatable {
    /// The service's name, e.g. `wice`.
    public var service: String
    /// The endpoint fixture's name, e.g. `logout-post`.
    public var endpoint: String
    /// The method the route answers.
    public var method: HTTPMethod
    /// Every full path it is served under (one per base path).
    public var paths: [String]
    /// Its phase now, on the server clock.
    public var phase: DeprecationPhase
    /// When it was deprecated (the `Deprecation` header).
    public var deprecatedAt: Date?
    /// When it is removed (the `Sunset` header).
    public var sunsetAt: Date?
    /// What to use instead, e.g. `DELETE /v1/auth/logout` (under the same base path).
    public var successor: String?

    /// A deprecated route's lifecycle as given.
    public init(
        service: String,
        endpoint: String,
        method: HTTPMethod,
        paths: [String],
        phase: DeprecationPhase,
        deprecatedAt: Date?,
        sunsetAt: Date?,
        successor: String?
    ) {
        self.service = service
        self.endpoint = endpoint
        self.method = method
        self.paths = paths
        self.phase = phase
        self.deprecatedAt = deprecatedAt
        self.sunsetAt = sunsetAt
        self.successor = successor
    }
}

/// Moves a deprecated route to another phase.
public struct DeprecationChange: Sendable, Equatable {
    /// The method of the route, e.g. `POST`.
    public var method: HTTPMethod
    /// Any full path the route is served under, e.g. `/m2m/v1/auth/logout`.
    public var path: String
    /// The phase to move it to.
    public var phase: DeprecationPhase
    /// The sunset date, for `sunset` (required unless the fixture gives one).
    public var sunsetAt: Date?

    /// A change that moves the route `method` `path` to `phase` and, when given, sets its sunset to `sunsetAt`.
    public init(method: HTTPMethod, path: String, phase: DeprecationPhase, sunsetAt: Date? = nil) {
        self.method = method
        self.path = path
        self.phase = phase
        self.sunsetAt = sunsetAt
    }
}

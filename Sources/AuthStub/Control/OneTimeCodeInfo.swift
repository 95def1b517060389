public import Foundation

/// A one-time code waiting for a user's login, as the control API shows it
/// (`GET`/`POST /__control/codes`).
public struct OneTimeCodeInfo: Sendable, Equatable {
    /// The service whose login asks for it.
    public var service: String
    /// The user it was made for.
    public var user: String
    /// The code itself (it is test data, and a test needs it to log in).
    public var code: String
    /// When it stops being accepted, on the server clock.
    public var expiresAt: Date

    /// The code `code` of `user` for `service`, usable until `expiresAt`.
    public init(service: String, user: String, code: String, expiresAt: Date) {
        self.service = service
        self.user = user
        self.code = code
        self.expiresAt = expiresAt
    }
}

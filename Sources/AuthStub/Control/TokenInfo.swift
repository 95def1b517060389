public import Foundation

/// A token the server issued (by a login, or minted through the control API), as the control
/// API reports it.
public struct TokenInfo: Sendable, Equatable {
    /// The token itself, whole (the control API's token routes return the fake's own tokens).
    public var token: String
    /// The service it was issued for; it is accepted only there.
    public var service: String
    /// The user it authenticates as.
    public var user: String
    /// When it was issued, on the server clock.
    public var issuedAt: Date
    /// The last successful use; the idle timeout counts from here.
    public var lastUsedAt: Date
    /// When it stops working if nothing else happens first: the earlier of its
    /// `expirationTime` and the end of its idle timeout. nil: never.
    public var expiresAt: Date?
    /// Where it stands on the server clock now.
    public var state: TokenState
    /// False once disabled through the control API (or a fixture's rules).
    public var enabled: Bool
    /// The login's note (`note` in the usertoken API), if any.
    public var note: String?
    /// What the token is for.
    public var kind: TokenKind
    /// Why it ended, once it has (its state is `expired` or `revoked`); `expiresAt` is then
    /// when. nil while it can be used or re-enabled.
    public var endReason: TokenEndReason?
    /// Its family's number, shared by the tokens one login (or one authorization code) led to:
    /// its access and refresh tokens and those the refresh tokens were exchanged for. Numbered
    /// from 1 in the order families form (again after a reset); nil for a token alone.
    public var family: Int?

    /// A token as the control API reports it.
    public init(
        token: String,
        service: String,
        user: String,
        issuedAt: Date,
        lastUsedAt: Date,
        expiresAt: Date?,
        state: TokenState,
        enabled: Bool,
        note: String?,
        kind: TokenKind = .access,
        endReason: TokenEndReason? = nil,
        family: Int? = nil
    ) {
        self.token = token
        self.service = service
        self.user = user
        self.issuedAt = issuedAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.state = state
        self.enabled = enabled
        self.note = note
        self.kind = kind
        self.endReason = endReason
        self.family = family
    }
}

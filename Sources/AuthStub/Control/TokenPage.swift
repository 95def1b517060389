/// One page of the tokens a server holds (`tokens(limit:after:)`, `GET /__control/tokens`), in
/// the order they were issued.
public struct TokenPage: Sendable, Equatable {
    /// The tokens, oldest first.
    public var tokens: [TokenInfo]
    /// The token to pass as `after` for the next page; nil when this page is the last.
    public var next: String?

    /// A page.
    public init(tokens: [TokenInfo], next: String? = nil) {
        self.tokens = tokens
        self.next = next
    }
}

import Foundation

extension CharacterSet {
    /// RFC 3986 §2.3's unreserved characters: all a URL's query or path segment may hold
    /// without percent-encoding, whatever the context.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

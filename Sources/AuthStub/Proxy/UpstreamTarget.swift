import Foundation

/// Where forwarded requests go (`proxyUnmatched`, a service's `"proxy"`): an `http` or `https`
/// origin and an optional base path, checked once when the option or fixture is read.
struct UpstreamTarget: Sendable, Hashable, CustomStringConvertible {
    /// `http` (StubHTTP's client) or `https` (the platform's URLSession).
    let isSecure: Bool
    /// The host as the URL names it, IPv6 literals without brackets.
    let host: String
    /// The port, the scheme's default when the URL names none.
    let port: Int
    /// `""` or a path starting with `/`, never ending with one, percent-encoded as given.
    let basePath: String

    /// Why a URL cannot be a proxy target, as a sentence.
    struct Problem: Error, Sendable, Equatable {
        /// E.g. `the proxy URL ftp://x has the scheme "ftp"; only http and https can be proxied`.
        let reason: String
    }

    /// Checks `url`: scheme `http` or `https`, a host, an optional port from 1 to 65535 and an
    /// optional base path; no query, fragment, user name or password.
    init(_ url: URL) throws(Problem) {
        let text = url.absoluteString
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            throw Problem(reason: "the proxy URL \(text) cannot be read as a URL")
        }
        let scheme = components.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else {
            throw Problem(reason: "the proxy URL \(text) has the scheme \"\(scheme)\"; only http and https URLs can be proxied to")
        }
        guard let host = components.host, !host.isEmpty else {
            throw Problem(reason: "the proxy URL \(text) names no host (write it as e.g. https://staging.example.com/api)")
        }
        guard components.user == nil, components.password == nil else {
            throw Problem(reason: "the proxy URL \(text) carries a user name or password; AuthStub forwards the client's own credentials")
        }
        guard components.percentEncodedQuery == nil else {
            throw Problem(reason: "the proxy URL \(text) has a query; forwarded requests keep the client's own query")
        }
        guard components.percentEncodedFragment == nil else {
            throw Problem(reason: "the proxy URL \(text) has a fragment (#…), which never reaches a server")
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65_535).contains(port) else {
            throw Problem(reason: "the proxy URL \(text) has the port \(port); a port is from 1 to 65535")
        }
        var path = Substring(components.percentEncodedPath)
        while path.last == "/" { path = path.dropLast() }
        isSecure = scheme == "https"
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        basePath = String(path)
    }

    /// `host[:port]` as a `Host` field gives it: IPv6 literals in brackets, no default port.
    var authority: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == (isSecure ? 443 : 80) ? bracketed : "\(bracketed):\(port)"
    }

    /// `scheme://authority`, e.g. `https://staging.example.com`.
    var origin: String { "\(isSecure ? "https" : "http")://\(authority)" }

    /// The URL a forward goes to, e.g. `https://staging.example.com/api`.
    var description: String { origin + basePath }

    /// Where a request for `path` goes, without its query, e.g.
    /// `https://staging.example.com/api/users` (the journal's `proxiedTo`).
    func url(forPath path: String) -> String {
        origin + basePath + path
    }

    /// The request-target sent upstream: the base path, the client's path, its query.
    func target(path: String, query: String?) -> String {
        basePath + path + (query.map { "?" + $0 } ?? "")
    }
}

import Foundation
import StubHTTP

/// The `Link: <…>; rel="next"` header (RFC 8288) of a page that is not the last: the same
/// request, its `after` set to where the next page starts.
enum NextLink {
    /// `</__control/requests?limit=50&after=120>; rel="next"`: the request's own path and
    /// parameters as sent, with `after` replaced.
    static func value(for request: HTTPRequest, after next: String) -> String {
        var items = (request.query ?? "").split(separator: "&").filter { item in
            PercentDecoding.decode(item.split(separator: "=", maxSplits: 1).first ?? "", plusIsSpace: true) != "after"
        }.map(String.init)
        items.append("after=" + (next.addingPercentEncoding(withAllowedCharacters: .unreserved) ?? ""))
        return "<\(request.path)?\(items.joined(separator: "&"))>; rel=\"next\""
    }
}

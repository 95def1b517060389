import StubHTTP

/// `GET /__control` from a browser: the dashboard page instead of the JSON status.
enum Dashboard {
    /// A `GET` or `HEAD` whose `Accept` names `text/html` (as every browser's navigation does;
    /// curl's `*/*` and tools asking for JSON get the status).
    static func wants(_ request: HTTPRequest) -> Bool {
        guard request.method == .get || request.method == .head else { return false }
        return request.headers.values(for: "Accept").flatMap(CORSHeaders.listItems).contains { range in
            let parts = range.split(separator: ";").map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
            guard parts.first == "text/html" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }

    /// The page, with a policy that lets it talk only to this server and not be framed by
    /// another site (its buttons change state).
    static var response: HTTPResponse {
        HTTPResponse(
            status: 200,
            headers: [
                "Content-Type": "text/html; charset=utf-8",
                "Cache-Control": "no-store",
                "Content-Security-Policy":
                    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
                "X-Frame-Options": "DENY",
                "Referrer-Policy": "no-referrer",
            ],
            text: DashboardPage.html
        )
    }
}

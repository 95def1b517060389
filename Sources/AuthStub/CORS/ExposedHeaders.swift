extension CORSHeaders {
    /// Response headers a browser app may read: every header a fixture sends that is not on
    /// the CORS safelist, each service's token header, and the headers AuthStub adds itself.
    /// Without `Access-Control-Expose-Headers`, `response.headers.get("auth-token")` is null.
    /// Worked out once per fixture set (`FixtureSet.corsExposedHeaders`).
    static func exposed(by services: [ServiceFixture]) -> [String] {
        var names = alwaysExposed
        // By index: every server's start runs this, and a loop variable would copy each
        // service, endpoint and example whole.
        for service in services.indices {
            if let name = services[service].token.carrier.headerName { names.append(name) }
            names += services[service].errors.headers.map(\.name)
            for endpoint in services[service].endpoints.indices {
                for example in services[service].endpoints[endpoint].responses.indices {
                    names += services[service].endpoints[endpoint].responses[example].headers.map(\.name)
                }
            }
        }
        return unsafelisted(names)
    }
}

/// Header names the CORS rules single out.
enum CORSHeaders {
    /// What a page may read whatever the fixtures say: the token header of the bundled WICE
    /// service and the headers the engine adds (deprecation, example and fault markers, 405's
    /// `Allow`, a fault's `Retry-After`).
    static let alwaysExposed = [
        "auth-token", "Deprecation", "Sunset", "Link", "X-AuthStub-Example",
        "X-AuthStub-Fault", "Retry-After", "WWW-Authenticate", "Allow",
    ]

    /// Request headers every preflight allows.
    static let allowedRequestHeaders = ["Authorization", "auth-token", "Content-Type", "Accept", "Prefer"]

    /// Methods API preflights allow: every method a fixture may use.
    static let apiMethods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
    /// Methods the control API answers.
    static let controlMethods = "GET, HEAD, POST, PUT, PATCH, DELETE"

    /// Response headers a browser exposes without being told (the Fetch standard's safelist).
    private static let safelisted: Set<String> = [
        "cache-control", "content-language", "content-length",
        "content-type", "expires", "last-modified", "pragma",
    ]

    /// The items of a comma-separated header value, without surrounding spaces or tabs.
    static func listItems(_ value: String) -> [String] {
        value.split(separator: ",").map { item in
            String(item.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        }
    }

    /// `names` without the safelisted ones and without repeats (ignoring case), in order.
    static func unsafelisted(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { name in
            let key = name.lowercased()
            guard !safelisted.contains(key), !key.hasPrefix("access-control-") else { return false }
            return seen.insert(key).inserted
        }
    }
}

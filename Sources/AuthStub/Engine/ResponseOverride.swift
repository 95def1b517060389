import StubHTTP

/// A per-request choice of documented response, in Prism's manner: `Prefer: code=401`,
/// `Prefer: example=<name>`, `?__code=401` or `?__example=<name>`.
struct ResponseOverride: Sendable {
    enum Choice: Sendable {
        /// A documented example.
        case example(RoutedExample)
        /// No example documents the status: the service's error shape with it.
        case template(status: HTTPStatus)
    }

    let choice: Choice
    /// How the request asked, for the journal: `Prefer: code=401`.
    let origin: String

    /// What the request asks for, before it is looked up: nil when it asks for nothing.
    private enum Ask {
        case code(String)
        case example(String)
    }

    /// The override `request` asks for on `routed`'s endpoint, or why it cannot be honoured.
    static func resolve(_ request: HTTPRequest, on routed: RoutedEndpoint, mediaType: String?) -> Result<ResponseOverride, OverrideProblem>? {
        guard let (ask, origin) = ask(in: request) else { return nil }
        let (service, endpoint, examples) = (routed.service.name, routed.endpoint, routed.examples)
        switch ask {
        case .example(let name):
            guard let example = examples.first(where: { $0.example.name == name }) else {
                let names = endpoint.responses.map(\.name).joined(separator: ", ")
                return .failure(OverrideProblem(message: "\(origin): \(service)/\(endpoint.name) has no example \"\(name)\" (it has: \(names))"))
            }
            return .success(ResponseOverride(choice: .example(example), origin: origin))
        case .code(let text):
            guard text.utf8.count == 3, let code = Int(text), (200...599).contains(code) else {
                return .failure(OverrideProblem(message: "\(origin): \"\(text)\" is not a status code from 200 to 599"))
            }
            let status = HTTPStatus(code: code)
            let documented = examples.filter { $0.example.status == status }
            if let example = documented.first(where: { $0.example.mediaType == mediaType }) ?? documented.first {
                return .success(ResponseOverride(choice: .example(example), origin: origin))
            }
            guard code >= 400 else {
                var statuses: [HTTPStatus] = []
                for response in endpoint.responses where !statuses.contains(response.status) { statuses.append(response.status) }
                let list = statuses.map(\.description).joined(separator: ", ")
                return .failure(
                    OverrideProblem(message: "\(origin): \(service)/\(endpoint.name) documents no \(code) response (it documents: \(list))")
                )
            }
            return .success(ResponseOverride(choice: .template(status: status), origin: origin))
        }
    }

    /// `?__code=` / `?__example=` first (percent-decoded, like every query AuthStub reads),
    /// then the `Prefer` header's `code` / `example`.
    private static func ask(in request: HTTPRequest) -> (Ask, String)? {
        for (name, value) in PercentDecoding.parameters(request.query) {
            switch name {
            case "__code": return (.code(value), "?__code=\(value)")
            case "__example": return (.example(value), "?__example=\(value)")
            default: continue
            }
        }
        for header in request.headers.values(for: "Prefer") {
            for preference in header.split(separator: ",") {
                let token = preference.split(separator: ";", maxSplits: 1).first ?? ""
                let parts = token.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmed(of: " ").lowercased()
                var value = parts[1].trimmed(of: " ")
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                switch name {
                case "code": return (.code(value), "Prefer: code=\(value)")
                case "example": return (.example(value), "Prefer: example=\(value)")
                default: continue
                }
            }
        }
        return nil
    }
}

/// Why a per-request override cannot be honoured; AuthStub answers 400 with it.
struct OverrideProblem: Error, Sendable {
    let message: String
}

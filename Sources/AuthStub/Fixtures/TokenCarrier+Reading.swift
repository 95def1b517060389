extension FixtureReader {
    /// Reads where a service's token travels from its token object: `"scheme": "header"` with
    /// `"header"`, `"bearer"`, `"authorization"` with `"authScheme"`, or `"cookie"` with
    /// `"cookie"`. nil when absent or wrong (the problem reported).
    mutating func tokenCarrier(_ object: JSONObject, at path: String) -> TokenScheme.Carrier? {
        let carrier: TokenScheme.Carrier?
        switch string(object, "scheme", at: path) {
        case "header": carrier = namedCarrier(object, "header", at: path, what: "the header's name").map(TokenScheme.Carrier.header)
        case "bearer": carrier = .bearer
        case "authorization":
            carrier = namedCarrier(object, "authScheme", at: path, what: "the Authorization scheme, e.g. \"Token\"").map {
                TokenScheme.Carrier.authorization(scheme: $0)
            }
        case "cookie": carrier = namedCarrier(object, "cookie", at: path, what: "the cookie's name").map(TokenScheme.Carrier.cookie)
        case let other?:
            report(Self.path(path, "scheme"), "\"\(other)\" is not one of \"header\", \"bearer\", \"authorization\", \"cookie\"")
            return nil
        case nil:
            return nil
        }
        guard let carrier else { return nil }
        let used: String? =
            switch object["scheme"]?.stringValue {
            case "header": "header"
            case "authorization": "authScheme"
            case "cookie": "cookie"
            default: nil
            }
        for key in ["header", "authScheme", "cookie"] where key != used && object[key] != nil {
            report(Self.path(path, key), "\"\(key)\" does not go with \"scheme\": \"\(object["scheme"]?.stringValue ?? "")\"")
        }
        return carrier
    }

    /// The name the scheme needs under `key`: an HTTP token (RFC 9110 §5.6.2; a cookie name is
    /// one too, RFC 6265 §4.1.1).
    private mutating func namedCarrier(_ object: JSONObject, _ key: String, at path: String, what: String) -> String? {
        guard let name = nonEmptyString(object, key, at: path) else {
            if object[key] == nil {
                report(Self.path(path, key), "the \"\(object["scheme"]?.stringValue ?? "")\" scheme needs \"\(key)\": \(what)")
            }
            return nil
        }
        guard isToken(name) else {
            report(Self.path(path, key), "\"\(name)\" is not a valid \(key == "cookie" ? "cookie" : key == "header" ? "header" : "scheme") name")
            return nil
        }
        return name
    }
}

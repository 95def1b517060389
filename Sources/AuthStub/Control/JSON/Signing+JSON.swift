extension SigningKeyInfo: ControlModel {
    enum Field: String, ControlField {
        case service, kid, algorithm, signing, published

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service the key signs for.").required
            case .kid: .string("The key id.").required
            case .algorithm: .string("The JWS algorithm (RS256, ES256, HS256, …).").required
            case .signing: .boolean("Whether new tokens are signed with it.").required
            case .published: .boolean("Whether the JWKS lists it.").required
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            service: try fields.requiredString(.service),
            kid: try fields.requiredString(.kid),
            algorithm: try fields.requiredString(.algorithm),
            signing: try fields.requiredBool(.signing),
            published: try fields.requiredBool(.published)
        )
    }

    var object: ControlObject<Field> {
        [.service: .string(service), .kid: .string(kid), .algorithm: .string(algorithm), .signing: .bool(signing), .published: .bool(published)]
    }
}

/// `GET /__control/keys?service=oauth2`: the keys of one service.
struct KeyListing: Equatable {
    var service: String
}

extension KeyListing: ControlQueryModel {
    enum Field: String, ControlField {
        case service

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name.").required
            }
        }
    }

    static let parameterKind = "parameter"

    init(_ query: ControlQuery<Field>) throws(ControlError) {
        var service: String?
        for (name, value) in query.values {
            switch try query.field(name) {
            case .service: service = value
            }
        }
        guard let service else { throw .badInput("service is required", field: Field.service.rawValue) }
        self.init(service: service)
    }

    var queryItems: [(name: String, value: String)] { [(Field.service.rawValue, service)] }
}

/// `POST /__control/keys/rotate`: `{"service", "kid"?, "jwk"?}`: the posted JWK, the key named
/// `kid`, or else the next key of the service's algorithm signs from now on.
struct KeyRotation: Equatable {
    var service: String
    var kid: String?
    var jwk: JSONObject?
}

extension KeyRotation: ControlModel {
    enum Field: String, ControlField {
        case service, kid, jwk

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name.").required
            case .kid: .string("Sign with the service's key of this id (not with jwk).")
            case .jwk: .object("Sign with this posted JWK (not with kid).")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        var jwk: JSONObject?
        if let value = fields.value(.jwk) {
            guard case .object(let object) = value else { throw fields.mismatch(.jwk, "a JWK object", value) }
            jwk = object
        }
        self.init(service: try fields.requiredString(.service), kid: try fields.string(.kid), jwk: jwk)
        if kid != nil, jwk != nil { throw .badInput("give kid or jwk, not both", field: Field.kid.rawValue) }
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [.service: .string(service)]
        object[.kid] = kid.map(JSONValue.string)
        object[.jwk] = jwk.map(JSONValue.object)
        return object
    }
}

/// `POST /__control/claims`: `{"service", "claims": {…}, "count"?}`: extra claims for the
/// service's next `count` JWTs (default 1).
struct ClaimsQueueing: Equatable {
    var service: String
    var claims: JSONObject
    var count: Int
}

extension ClaimsQueueing: ControlModel {
    enum Field: String, ControlField {
        case service, claims, count

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name.").required
            case .claims: .object("The claims to add to the next JWTs.").required
            case .count: .integer("How many JWTs get them; 1 when left out.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        guard let value = fields.value(.claims) else { throw fields.missing(.claims) }
        guard case .object(let claims) = value else { throw fields.mismatch(.claims, "an object of claims", value) }
        self.init(service: try fields.requiredString(.service), claims: claims, count: try fields.int(.count) ?? 1)
    }

    var object: ControlObject<Field> {
        [.service: .string(service), .claims: .object(claims), .count: .int(count)]
    }
}

/// `POST /__control/skew`: `{"service", "seconds"}`: shifts the times written into the
/// service's tokens from now on (`0`: none).
struct TokenSkewSetting: Equatable {
    var service: String
    var seconds: Int64
}

extension TokenSkewSetting: ControlModel {
    enum Field: String, ControlField {
        case service, seconds

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name.").required
            case .seconds: .integer("Seconds to shift the times in its tokens by (0: none).").required
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        guard let seconds = try fields.int64(.seconds) else { throw fields.missing(.seconds) }
        self.init(service: try fields.requiredString(.service), seconds: seconds)
    }

    var object: ControlObject<Field> {
        [.service: .string(service), .seconds: .number(String(seconds))]
    }
}

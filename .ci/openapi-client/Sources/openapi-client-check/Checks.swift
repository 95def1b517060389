import Foundation

/// The checks, per bundled service: each operation's success and the refusals a real client
/// meets, each answer switched over the cases the document declares.
extension Run {
    func wice() async {
        var token = ""
        await check("wice login: 201, the token in auth-token, the StatusMessage body") {
            let output = try await client.wiceLogin(.init(body: .json(.init(username: "user", password: "secret"))))
            guard case .created(let created) = output else { throw unexpected(output) }
            token = try need(created.headers.authToken, "auth-token header")
            _ = try need(created.headers.vary, "Vary header")
            guard case .json(let message) = created.body else { throw unexpected(created.body) }
            _ = message.code
        }
        await check(
            "wice login with the v2 media type: the token as a JSON string",
            Tweak(headers: ["Accept": "application/vnd.se.alkit.wice.authservice-v2+json"])
        ) {
            let output = try await client.wiceLogin(.init(body: .json(.init(username: "user", password: "secret"))))
            guard case .created(let created) = output else { throw unexpected(output) }
            guard case .applicationVnd_se_alkit_wice_authserviceV2Json(let text) = created.body, UUID(uuidString: text) != nil else {
                throw unexpected(created.body)
            }
        }
        await check("wice login, wrong password: 401 with WWW-Authenticate") {
            let output = try await client.wiceLogin(.init(body: .json(.init(username: "user", password: "wrong"))))
            guard case .unauthorized(let refused) = output else { throw unexpected(output) }
            _ = try need(refused.headers.wwwAuthenticate, "WWW-Authenticate header")
            _ = try refused.body.json
        }
        await check("wice login, a body without password: 400", Tweak(body: #"{"username":"user"}"#)) {
            let output = try await client.wiceLogin(.init(body: .json(.init(username: "user", password: "x"))))
            guard case .badRequest(let refused) = output else { throw unexpected(output) }
            _ = try refused.body.json
        }
        await check("wice login, Content-Type text/plain: 415", Tweak(headers: ["Content-Type": "text/plain"])) {
            let output = try await client.wiceLogin(.init(body: .json(.init(username: "user", password: "secret"))))
            guard case .unsupportedMediaType(let refused) = output else { throw unexpected(output) }
            _ = try refused.body.json
        }
        await check("wice login, Accept text/html: 406", Tweak(headers: ["Accept": "text/html"])) {
            let output = try await client.wiceLogin(.init(body: .json(.init(username: "user", password: "secret"))))
            guard case .notAcceptable(let refused) = output else { throw unexpected(output) }
            _ = try refused.body.json
        }
        await check("wice deprecated POST logout: 201 with Deprecation and Link", Tweak(headers: ["auth-token": token])) {
            let output = try await client.wiceLogoutPost(.init())
            guard case .created(let created) = output else { throw unexpected(output) }
            _ = try need(created.headers.deprecation, "Deprecation header")
            _ = try need(created.headers.link, "Link header")
            _ = try created.body.json
        }
        await check("wice DELETE logout with the logged-out token: 401 with WWW-Authenticate", Tweak(headers: ["auth-token": token])) {
            let output = try await client.wiceLogout(.init())
            guard case .unauthorized(let refused) = output else { throw unexpected(output) }
            _ = try need(refused.headers.wwwAuthenticate, "WWW-Authenticate header")
        }
        var fresh = ""
        await check("wice login again") {
            let output = try await client.wiceLogin(.init(body: .json(.init(username: "user", password: "secret"))))
            guard case .created(let created) = output else { throw unexpected(output) }
            fresh = try need(created.headers.authToken, "auth-token header")
        }
        await check("wice DELETE logout: 204", Tweak(headers: ["auth-token": fresh])) {
            let output = try await client.wiceLogout(.init())
            guard case .noContent = output else { throw unexpected(output) }
        }
        await check("wice POST logout after the control API removed it: 410 with Link") {
            try await control("PUT", "/__control/deprecations", #"{"method":"POST","path":"/v1/auth/logout","phase":"removed"}"#)
            let output = try await client.wiceLogoutPost(.init())
            guard case .gone(let gone) = output else { throw unexpected(output) }
            _ = try need(gone.headers.link, "Link header")
            _ = try gone.body.json
            try await control("POST", "/__control/reset", "{}")
        }
        // Last: disabling the account ends the user's tokens.
        await check("wice login of a locked account: 423") {
            try await control("POST", "/__control/users/state", #"{"service":"wice","username":"user","state":"locked"}"#)
            let output = try await client.wiceLogin(.init(body: .json(.init(username: "user", password: "secret"))))
            try await control("POST", "/__control/users/state", #"{"service":"wice","username":"user","state":"active"}"#)
            guard case .code423(let refused) = output else { throw unexpected(output) }
            _ = try refused.body.json
        }
        for state in ["disabled", "passwordExpired"] {
            await check("wice login of an account in state \(state): 403") {
                try await control("POST", "/__control/users/state", #"{"service":"wice","username":"user","state":"\#(state)"}"#)
                let output = try await client.wiceLogin(.init(body: .json(.init(username: "user", password: "secret"))))
                try await control("POST", "/__control/users/state", #"{"service":"wice","username":"user","state":"active"}"#)
                guard case .forbidden(let refused) = output else { throw unexpected(output) }
                _ = try refused.body.json
            }
        }
    }

    /// The same routes under the `/m2m` base path: each operation once, and a refusal.
    func wiceM2m() async {
        var token = ""
        await check("wice /m2m login: 201, the token in auth-token") {
            let output = try await client.wiceLoginM2m(.init(body: .json(.init(username: "user", password: "secret"))))
            guard case .created(let created) = output else { throw unexpected(output) }
            token = try need(created.headers.authToken, "auth-token header")
        }
        await check("wice /m2m deprecated POST logout: 201 with Deprecation and Link", Tweak(headers: ["auth-token": token])) {
            let output = try await client.wiceLogoutPostM2m(.init())
            guard case .created(let created) = output else { throw unexpected(output) }
            _ = try need(created.headers.deprecation, "Deprecation header")
            _ = try need(created.headers.link, "Link header")
        }
        await check("wice /m2m DELETE logout with the logged-out token: 401 with WWW-Authenticate", Tweak(headers: ["auth-token": token])) {
            let output = try await client.wiceLogoutM2m(.init())
            guard case .unauthorized(let refused) = output else { throw unexpected(output) }
            _ = try need(refused.headers.wwwAuthenticate, "WWW-Authenticate header")
        }
        await check("wice /m2m login, wrong password: 401") {
            let output = try await client.wiceLoginM2m(.init(body: .json(.init(username: "user", password: "wrong"))))
            guard case .unauthorized = output else { throw unexpected(output) }
        }
        var fresh = ""
        await check("wice /m2m login again") {
            let output = try await client.wiceLoginM2m(.init(body: .json(.init(username: "user", password: "secret"))))
            guard case .created(let created) = output else { throw unexpected(output) }
            fresh = try need(created.headers.authToken, "auth-token header")
        }
        await check("wice /m2m DELETE logout: 204", Tweak(headers: ["auth-token": fresh])) {
            let output = try await client.wiceLogoutM2m(.init())
            guard case .noContent = output else { throw unexpected(output) }
        }
    }

    func usertoken() async {
        var token = ""
        await check("usertoken login (Basic): 200 UserToken, Vary readable", Tweak(headers: ["Authorization": basic("user", "secret")])) {
            let output = try await client.usertokenLogin(.init())
            guard case .ok(let ok) = output else { throw unexpected(output) }
            _ = try need(ok.headers.vary, "Vary header")
            let body = try ok.body.json
            token = body.token
        }
        await check("usertoken login with a note: the note echoed", Tweak(headers: ["Authorization": basic("user", "secret")])) {
            let output = try await client.usertokenLogin(.init(body: .json(.init(note: "ci"))))
            guard case .ok(let ok) = output else { throw unexpected(output) }
            guard try ok.body.json.note == "ci" else { throw Failure("the note was lost") }
        }
        await check("usertoken login, wrong password: 401 with WWW-Authenticate: Basic", Tweak(headers: ["Authorization": basic("user", "wrong")])) {
            let output = try await client.usertokenLogin(.init())
            guard case .unauthorized(let refused) = output else { throw unexpected(output) }
            guard try need(refused.headers.wwwAuthenticate, "WWW-Authenticate header").hasPrefix("Basic") else {
                throw Failure("not a Basic challenge")
            }
        }
        await check(
            "usertoken login, a malformed expirationTime: 400",
            Tweak(headers: ["Authorization": basic("user", "secret")], body: #"{"expirationTime":"soon"}"#)
        ) {
            let output = try await client.usertokenLogin(.init(body: .json(.init())))
            guard case .badRequest(let refused) = output else { throw unexpected(output) }
            _ = try refused.body.json
        }
        await check(
            "usertoken login, Content-Type text/plain: 415",
            Tweak(headers: ["Authorization": basic("user", "secret"), "Content-Type": "text/plain"])
        ) {
            let output = try await client.usertokenLogin(.init(body: .json(.init(note: "x"))))
            guard case .unsupportedMediaType(let refused) = output else { throw unexpected(output) }
            _ = try refused.body.json
        }
        await check("usertoken login, Accept text/html: 406", Tweak(headers: ["Authorization": basic("user", "secret"), "Accept": "text/html"])) {
            let output = try await client.usertokenLogin(.init())
            guard case .notAcceptable(let refused) = output else { throw unexpected(output) }
            _ = try refused.body.json
        }
        await check("usertoken bump: 200 lastLoginTime", Tweak(headers: ["Authorization": "Bearer \(token)"])) {
            let output = try await client.usertokenBump(.init())
            guard case .ok(let ok) = output else { throw unexpected(output) }
            _ = try ok.body.json.lastLoginTime
        }
        await check("usertoken logout: 200 success", Tweak(headers: ["Authorization": "Bearer \(token)"])) {
            let output = try await client.usertokenLogout(.init())
            guard case .ok(let ok) = output else { throw unexpected(output) }
            guard try ok.body.json.success else { throw Failure("success is false") }
        }
        await check("usertoken bump with the logged-out token: 401 with WWW-Authenticate", Tweak(headers: ["Authorization": "Bearer \(token)"])) {
            let output = try await client.usertokenBump(.init())
            guard case .unauthorized(let refused) = output else { throw unexpected(output) }
            _ = try need(refused.headers.wwwAuthenticate, "WWW-Authenticate header")
        }
        await check("usertoken logout with the logged-out token: 401", Tweak(headers: ["Authorization": "Bearer \(token)"])) {
            let output = try await client.usertokenLogout(.init())
            guard case .unauthorized = output else { throw unexpected(output) }
        }
    }

    func oauth2() async {
        await check("oauth2 metadata: 200") {
            let output = try await client.oauth2MetadataOauth(.init())
            guard case .ok(let ok) = output else { throw unexpected(output) }
            _ = try ok.body.json.tokenEndpoint
        }
        await check("oauth2 OpenID configuration: 200") {
            let output = try await client.oauth2MetadataOpenid(.init())
            guard case .ok(let ok) = output else { throw unexpected(output) }
            _ = try ok.body.json.issuer
        }
        await check("oauth2 JWKS: 200 with keys") {
            let output = try await client.oauth2Jwks(.init())
            guard case .ok(let ok) = output else { throw unexpected(output) }
            guard try !ok.body.json.keys.isEmpty else { throw Failure("no keys") }
        }
        var access = ""
        var refresh = ""
        var idToken = ""
        await check("oauth2 token, password grant: 200 with a JWT, a refresh token and an ID token") {
            let form = Operations.Oauth2Token.Input.Body.UrlEncodedFormPayload(
                grantType: .password,
                clientId: "client",
                clientSecret: "secret",
                scope: "openid",
                username: "user",
                password: "secret"
            )
            let output = try await client.oauth2Token(.init(body: .urlEncodedForm(form)))
            guard case .ok(let ok) = output else { throw unexpected(output) }
            let grant = try ok.body.json
            access = grant.accessToken
            refresh = try need(grant.refreshToken, "refresh_token")
            idToken = try need(grant.idToken, "id_token")
            _ = try need(ok.headers.cacheControl, "Cache-Control header")
        }
        await check("oauth2 token, wrong password: 400 invalid_grant") {
            let form = Operations.Oauth2Token.Input.Body.UrlEncodedFormPayload(
                grantType: .password,
                clientId: "client",
                clientSecret: "secret",
                username: "user",
                password: "wrong"
            )
            let output = try await client.oauth2Token(.init(body: .urlEncodedForm(form)))
            guard case .badRequest(let refused) = output else { throw unexpected(output) }
            _ = try refused.body.json.error
        }
        await check(
            "oauth2 token, a wrong client secret by Basic: 401 with WWW-Authenticate",
            Tweak(headers: ["Authorization": basic("client", "wrong")])
        ) {
            let form = Operations.Oauth2Token.Input.Body.UrlEncodedFormPayload(grantType: .clientCredentials)
            let output = try await client.oauth2Token(.init(body: .urlEncodedForm(form)))
            guard case .unauthorized(let refused) = output else { throw unexpected(output) }
            _ = try need(refused.headers.wwwAuthenticate, "WWW-Authenticate header")
        }
        await check("oauth2 token, a JSON body: 400 (RFC 6749 has no 415)", Tweak(headers: ["Content-Type": "application/json"])) {
            let output = try await client.oauth2Token(.init(body: .urlEncodedForm(.init(grantType: .clientCredentials))))
            guard case .badRequest = output else { throw unexpected(output) }
        }
        await check("oauth2 token, client credentials grant: 200") {
            let output = try await client.oauth2Token(
                .init(body: .urlEncodedForm(.init(grantType: .clientCredentials, clientId: "client", clientSecret: "secret")))
            )
            guard case .ok = output else { throw unexpected(output) }
        }
        await check("oauth2 token, refresh grant: 200 with a new refresh token") {
            let output = try await client.oauth2Token(
                .init(body: .urlEncodedForm(.init(grantType: .refreshToken, clientId: "client", clientSecret: "secret", refreshToken: refresh)))
            )
            guard case .ok(let ok) = output else { throw unexpected(output) }
            refresh = try need(try ok.body.json.refreshToken, "refresh_token")
        }
        var code = ""
        await check("oauth2 authorize: 302 with the code in Location") {
            let output = try await client.oauth2Authorize(
                .init(query: .init(responseType: "code", clientId: "client", redirectUri: "http://127.0.0.1/callback", scope: "openid", state: "xyz"))
            )
            guard case .found(let found) = output else { throw unexpected(output) }
            let location = try need(found.headers.location, "Location header")
            code = try need(URLComponents(string: location)?.queryItems?.first { $0.name == "code" }?.value, "code in Location")
        }
        await check("oauth2 authorize, an unknown client: 400") {
            let output = try await client.oauth2Authorize(.init(query: .init(responseType: "code", clientId: "nobody")))
            guard case .badRequest(let refused) = output else { throw unexpected(output) }
            _ = try refused.body.json.error
        }
        await check("oauth2 token, authorization code grant: 200") {
            let form = Operations.Oauth2Token.Input.Body.UrlEncodedFormPayload(
                grantType: .authorizationCode,
                clientId: "client",
                clientSecret: "secret",
                code: code,
                redirectUri: "http://127.0.0.1/callback"
            )
            let output = try await client.oauth2Token(.init(body: .urlEncodedForm(form)))
            guard case .ok = output else { throw unexpected(output) }
        }
        await check("oauth2 userinfo: 200 claims", Tweak(headers: ["Authorization": "Bearer \(access)"])) {
            let output = try await client.oauth2Userinfo(.init())
            guard case .ok(let ok) = output else { throw unexpected(output) }
            _ = try ok.body.json.sub
        }
        await check("oauth2 userinfo by POST: 200 claims", Tweak(headers: ["Authorization": "Bearer \(access)"])) {
            let output = try await client.oauth2UserinfoPost(.init())
            guard case .ok = output else { throw unexpected(output) }
        }
        await check("oauth2 userinfo without a token: 401 with WWW-Authenticate") {
            let output = try await client.oauth2Userinfo(.init())
            guard case .unauthorized(let refused) = output else { throw unexpected(output) }
            _ = try need(refused.headers.wwwAuthenticate, "WWW-Authenticate header")
        }
        await check("oauth2 resource: 200", Tweak(headers: ["Authorization": "Bearer \(access)"])) {
            let output = try await client.oauth2Resource(.init())
            guard case .ok = output else { throw unexpected(output) }
        }
        await check("oauth2 admin resource without the admin scope: 403 with WWW-Authenticate", Tweak(headers: ["Authorization": "Bearer \(access)"]))
        {
            let output = try await client.oauth2ResourceAdmin(.init())
            guard case .forbidden(let refused) = output else { throw unexpected(output) }
            _ = try need(refused.headers.wwwAuthenticate, "WWW-Authenticate header")
        }
        await check("oauth2 introspect: 200 active") {
            let output = try await client.oauth2Introspect(
                .init(body: .urlEncodedForm(.init(clientId: "client", clientSecret: "secret", token: access)))
            )
            guard case .ok(let ok) = output else { throw unexpected(output) }
            guard try ok.body.json.active else { throw Failure("not active") }
        }
        await check("oauth2 revoke: 200") {
            let output = try await client.oauth2Revoke(.init(body: .urlEncodedForm(.init(clientId: "client", clientSecret: "secret", token: access))))
            guard case .ok = output else { throw unexpected(output) }
        }
        await check("oauth2 introspect the revoked token: 200 inactive") {
            let output = try await client.oauth2Introspect(
                .init(body: .urlEncodedForm(.init(clientId: "client", clientSecret: "secret", token: access)))
            )
            guard case .ok(let ok) = output else { throw unexpected(output) }
            guard try !ok.body.json.active else { throw Failure("still active") }
        }
        await check("oauth2 resource with the revoked token: 401") {
            let output = try await Current.$tweak.withValue(Tweak(headers: ["Authorization": "Bearer \(access)"])) {
                try await client.oauth2Resource(.init())
            }
            guard case .unauthorized = output else { throw unexpected(output) }
        }
        await check("oauth2 end session: 200 logged out") {
            let output = try await client.oauth2EndSession(.init(query: .init(idTokenHint: idToken)))
            guard case .ok(let ok) = output else { throw unexpected(output) }
            _ = try ok.body.json.loggedOut
        }
        await check("oauth2 end session without a hint: 400") {
            let output = try await client.oauth2EndSession(.init(query: .init(idTokenHint: "")))
            guard case .badRequest = output else { throw unexpected(output) }
        }
    }
}

import Foundation
import Testing

@testable import AuthStub

/// The control API's OAuth 2.0 calls: the next authorization's user or denial, and redirect URIs
/// registered at run time; in process and over HTTP.
@Suite("OAuth 2.0: control")
struct OAuth2ControlTests {
    @Test("the next authorization logs in the chosen user, once; a denial redirects with access_denied", arguments: ControlTransport.allCases)
    func nextAuthorization(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            try await control.setUser(ServiceUser(service: "oauth2", username: "ada", password: "lovelace"))
            #expect(
                try await control.setNextAuthorization(NextAuthorization(service: "oauth2", user: "ada"))
                    == NextAuthorization(service: "oauth2", user: "ada")
            )
            let chosen = try await stub.oauthCode()
            #expect(try await control.tokens().first { $0.token == chosen }?.user == "ada")
            let usual = try await stub.oauthCode()
            #expect(try await control.tokens().first { $0.token == usual }?.user == "user")

            try await control.setNextAuthorization(NextAuthorization(service: "oauth2", deny: true))
            let denied = try await stub.oauthAuthorize(
                "response_type=code&client_id=client&redirect_uri=\(OAuthForm.encode(OAuth2AuthorizeTests.redirect))&state=xyz"
            )
            #expect(denied.status == 302)
            #expect(denied.redirectParameters["error"] == "access_denied")
            #expect(denied.redirectParameters["state"] == "xyz")
            #expect(denied.redirectParameters["code"] == nil)
            _ = try await stub.oauthCode()

            let unknownService = await #expect(throws: ControlError.self) {
                try await control.setNextAuthorization(NextAuthorization(service: "nope"))
            }
            #expect(unknownService?.status == 404)
            #expect(unknownService?.field == "service")
            let unknownUser = await #expect(throws: ControlError.self) {
                try await control.setNextAuthorization(NextAuthorization(service: "oauth2", user: "nobody"))
            }
            #expect(unknownUser?.status == 404)
            #expect(unknownUser?.field == "user")
        }
    }

    @Test(
        "a registered redirect URI (a private-use scheme) is accepted until reset; bad URIs and clients are refused",
        arguments: ControlTransport.allCases
    )
    func redirectURIs(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let app = "com.example.app:/oauth2redirect"
            let query = "response_type=code&client_id=client&redirect_uri=\(OAuthForm.encode(app))&state=s"
            #expect(try await stub.oauthAuthorize(query).status == 400)
            let registration = RedirectURIRegistration(service: "oauth2", client: "client", uri: app)
            #expect(try await control.registerRedirectURI(registration) == registration)
            let answer = try await stub.oauthAuthorize(query)
            #expect(answer.status == 302)
            #expect(answer.header("Location")?.hasPrefix(app + "?code=") == true)

            for (uri, field) in [("no-scheme", "uri"), ("https://app.example/cb#fragment", "uri"), ("https://app.example/a b", "uri")] {
                let refused = await #expect(throws: ControlError.self) {
                    try await control.registerRedirectURI(RedirectURIRegistration(service: "oauth2", client: "client", uri: uri))
                }
                #expect(refused?.status == 400)
                #expect(refused?.field == field)
            }
            let unknownClient = await #expect(throws: ControlError.self) {
                try await control.registerRedirectURI(RedirectURIRegistration(service: "oauth2", client: "nobody", uri: app))
            }
            #expect(unknownClient?.status == 404)
            #expect(unknownClient?.field == "client")

            try await control.reset()
            #expect(try await stub.oauthAuthorize(query).status == 400)
        }
    }

    @Test("at most 1,000 redirect URIs are registered: the next is a 409")
    func redirectURILimit() async throws {
        try await withStub { stub in
            for index in 0..<AuthorizationControls.redirectURILimit {
                try await stub.registerRedirectURI(RedirectURIRegistration(service: "oauth2", client: "client", uri: "app:/\(index)"))
            }
            let full = await #expect(throws: ControlError.self) {
                try await stub.registerRedirectURI(RedirectURIRegistration(service: "oauth2", client: "client", uri: "app:/more"))
            }
            #expect(full?.status == 409)
        }
    }
}

import Foundation
import StubHTTP
import Testing

@testable import AuthStub

/// A prepared example must send exactly what rendering its template and serializing it sent
/// before (issue 21 moved that work to fixture load): every example and error shape of the
/// bundled fixtures and of the public-API fixture folders, with every value present, with none,
/// and with text that JSON must escape.
@Suite("Prepared examples")
struct PreparedExampleTests {
    /// Every example and error shape the fixtures hold, with where it comes from.
    static func templates() throws -> [(name: String, status: HTTPStatus, headers: [HeaderTemplate], body: JSONValue?, prepared: PreparedExample)] {
        let folders = ["directus", "firebase", "ratelimited", "sanctum"].map {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/\($0)")
        }
        // Each folder alone: together their routes overlap.
        let services = try ([.bundled] + folders.map { .directory($0) }).flatMap { try AuthStubServer.loadFixtures([$0]).services }
        var templates: [(String, HTTPStatus, [HeaderTemplate], JSONValue?, PreparedExample)] = []
        for service in services {
            let errors = service.errors
            templates.append(
                (
                    "\(service.name) errors", 418, [HeaderTemplate(name: "Content-Type", value: errors.mediaType)] + errors.headers, errors.body,
                    errors.prepared
                )
            )
            for endpoint in service.endpoints {
                for example in endpoint.responses {
                    templates.append(
                        ("\(service.name)/\(endpoint.name)#\(example.name)", example.status, example.headers, example.body, example.prepared)
                    )
                }
            }
        }
        return templates
    }

    /// Values for every placeholder; the strings hold what JSON escapes.
    static let full: TemplateValues = {
        var values = TemplateValues(token: "tok\"en\\1\n", now: "2026-12-07T10:00:00+00:00", user: "alice\u{1}", request: nil)
        values.status = 418
        values.message = "a \"quoted\" message\t…"
        values.credentials = "YWxpY2U6c2VjcmV0"
        values.request = RequestValues(
            HTTPRequest(method: .post, path: "/x", query: "scope=a%20b&state=xyz", headers: ["Cookie": "sid=1", "X-Trace": "t"]),
            body: ["note": .string("hi"), "n": .int(3), "nested": .object(["a": .bool(true)])]
        )
        values.tokenTimes = TokenTimes(issuedAt: 1_000, expiresAt: 3_601_000, now: 2_000)
        values.userData = ["email": .string("a@example.com"), "age": .int(30)]
        values.csrfToken = "csrf"
        values.refreshToken = "refresh"
        values.refreshTimes = TokenTimes(issuedAt: 1_000, expiresAt: nil, now: 2_000)
        values.issuer = "http://127.0.0.1:8080"
        values.jwks = .object(["keys": .array([])])
        values.idToken = "id.token.sig"
        values.grant = TokenGrant(client: "app", scope: "openid profile")
        values.code = "code"
        values.redirect = "https://app.example/cb?code=code&state=xyz"
        values.retryAfter = 42
        return values
    }()

    /// Values for none but the clock: sole placeholders leave their members out.
    static let sparse = TemplateValues(token: nil, now: "2026-12-07T10:00:00+00:00", user: nil, request: nil)

    @Test("every fixture template renders as TemplateRenderer renders it", arguments: [full, sparse].indices)
    func sameBytes(_ which: Int) throws {
        let values = [Self.full, Self.sparse][which]
        let templates = try Self.templates()
        #expect(templates.count > 60)
        for template in templates {
            let rendered = template.prepared.render(status: template.status, with: values)
            var expected = HTTPHeaders()
            for header in template.headers { expected.add(name: header.name, value: TemplateRenderer.render(header.value, with: values)) }
            #expect(rendered.status == template.status, "\(template.name)")
            #expect(rendered.headers == expected, "\(template.name)")
            let body = template.body.map { TemplateRenderer.render($0, with: values).serializedBytes() } ?? []
            #expect(
                rendered.body == body,
                "\(template.name): \(String(decoding: rendered.body, as: UTF8.self)) ≠ \(String(decoding: body, as: UTF8.self))"
            )
        }
    }

    @Test("members left out keep the commas right, first, middle and last")
    func leftOutMembers() {
        let body: JSONValue = .object([
            "a": .string("{{user}}"), "b": .int(1), "c": .string("{{token}}"), "d": .array([.string("{{user}}"), .string("x{{user}}y")]),
            "e": .string("{{code}}"),
        ])
        let prepared = PreparedExample(status: .ok, headers: [], body: body)
        for values in [Self.sparse, Self.full] {
            let expected = TemplateRenderer.render(body, with: values).serializedBytes()
            #expect(prepared.render(with: values).body == expected, "\(String(decoding: expected, as: UTF8.self))")
        }
        #expect(String(decoding: prepared.render(with: Self.sparse).body, as: UTF8.self) == #"{"b":1,"d":[null,"xy"]}"#)
    }
}

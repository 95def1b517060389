import StubHTTP
import Testing

@testable import AuthStub

/// The request-value vocabulary on its own: selectors, form bodies, cookies, and what a
/// selector reads from a request.
@Suite("Request values")
struct RequestValuesTests {
    @Test(
        "selectors parse source and name; a header's name is case-insensitive",
        arguments: [
            ("body.grant_type", ValueSelector.Source.body, "grant_type"),
            ("query.scope", .query, "scope"),
            ("header.X-Api-Key", .header, "x-api-key"),
            ("cookie.sid", .cookie, "sid"),
            ("path.id", .path, "id"),
            ("body.a.b", .body, "a.b"),
        ]
    )
    func selectors(text: String, source: ValueSelector.Source, name: String) throws {
        let selector = try #require(ValueSelector(text))
        #expect(selector.source == source)
        #expect(selector.name == name)
        #expect(ValueSelector("header.x-api-key") == ValueSelector("header.X-API-KEY"))
    }

    @Test(
        "not selectors: no dot, an unknown source, an empty name, a header name that is no token",
        arguments: ["body", "form.x", "body.", "header.a b", ".x", ""]
    )
    func notSelectors(text: String) {
        #expect(ValueSelector(text) == nil)
    }

    @Test("a form body: + is a space, %XX a byte, empty pairs skipped, a name without = has an empty value, the first of a repeated name wins")
    func formBody() throws {
        let body = Array("grant_type=password&&username=ada+l%C3%B6vel%61ce&scope=a%20b&flag&username=eve&=v".utf8)
        let object = try FormBody.parse(body).get()
        #expect(object.keys == ["grant_type", "username", "scope", "flag", ""])
        #expect(object["username"] == .string("ada lövelace"))
        #expect(object["scope"] == .string("a b"))
        #expect(object["flag"] == .string(""))
        #expect(object[""] == .string("v"))
        #expect(try FormBody.parse([]).get().isEmpty)
    }

    @Test(
        "a malformed form body is a 400 naming the field and the problem",
        arguments: [
            ("a=1&b=%zz", "the value of field 2 (\"b\") has a '%' not followed by two hex digits"),
            ("a=1%", "the value of field 1 (\"a\") has a '%' not followed by two hex digits"),
            ("%4=1", "the name of field 1 has a '%' not followed by two hex digits"),
            ("a=%ff%fe", "the value of field 1 (\"a\") is not UTF-8 once percent-decoded"),
        ]
    )
    func malformedFormBody(body: String, problem: String) {
        guard case .failure(let refusal) = FormBody.parse(Array(body.utf8)) else {
            Issue.record("\(body) was accepted")
            return
        }
        #expect(refusal.condition == .badRequest)
        #expect(refusal.message == "the form body is malformed: \(problem)")
    }

    @Test("cookies: pairs split at ;, trimmed, quotes removed, the first of a name wins, pairs without = skipped")
    func cookies() {
        let headers = HTTPHeaders([("Cookie", "sid=abc; theme=\"dark\" ;junk; sid=later"), ("Cookie", "lang=sv")])
        #expect(CookieHeader.cookies(in: headers) == ["sid": "abc", "theme": "dark", "lang": "sv"])
    }

    @Test("a request's values by selector: body members keep their JSON type; text gives scalars as written")
    func valuesBySelector() throws {
        let request = HTTPRequest(
            method: .post,
            path: "/token",
            query: "scope=read%20write&scope=other",
            headers: HTTPHeaders([("X-Trace", "t1"), ("Cookie", "sid=s1")])
        )
        let body: JSONObject = ["count": .int(3), "on": .bool(true), "nested": .object(["a": .null])]
        let values = RequestValues(request, body: body, pathParameters: ["id": "42"])
        #expect(values.value(try #require(ValueSelector("body.count"))) == .int(3))
        #expect(values.text(try #require(ValueSelector("body.count"))) == "3")
        #expect(values.text(try #require(ValueSelector("body.on"))) == "true")
        #expect(values.text(try #require(ValueSelector("body.nested"))) == nil)
        #expect(values.value(try #require(ValueSelector("body.nested"))) == .object(["a": .null]))
        #expect(values.text(try #require(ValueSelector("query.scope"))) == "read write")
        #expect(values.value(try #require(ValueSelector("header.x-trace"))) == .string("t1"))
        #expect(values.text(try #require(ValueSelector("cookie.sid"))) == "s1")
        #expect(values.text(try #require(ValueSelector("path.id"))) == "42")
        #expect(values.text(try #require(ValueSelector("query.missing"))) == nil)
    }
}

import StubHTTP
import Testing

/// `HTTPMethod` and `HTTPStatus`: open sets, written as literals, with the facts the layer asks
/// of them.
@Suite("Methods and statuses")
struct HTTPVocabularyTests {
    @Test("a method is compared exactly (RFC 9110 §9.1), literals and constants are the same value")
    func methods() {
        let literal: HTTPMethod = "POST"
        #expect(literal == .post)
        #expect(HTTPMethod("post") != .post)
        #expect(HTTPMethod("post").uppercased == .post)
        #expect(HTTPMethod("M-SEARCH").rawValue == "M-SEARCH")
        #expect(Set<HTTPMethod>([.get, "GET", HTTPMethod(rawValue: "GET")]).count == 1)
        #expect("\(HTTPMethod.delete)" == "DELETE")
    }

    @Test(
        "only an RFC 9110 token is a valid method",
        arguments: [("GET", true), ("M-SEARCH", true), ("X!#$%&'*+.^_`|~1", true), ("", false), ("G T", false), ("GET\r\n", false), ("GÉT", false)]
    )
    func validMethods(name: String, valid: Bool) {
        #expect(HTTPMethod(name).isValid == valid)
    }

    @Test(
        "a status's class comes from its first digit; codes outside 100-599 are invalid",
        arguments: [
            (100, HTTPStatus.Kind.informational), (204, .successful), (308, .redirection), (404, .clientError), (503, .serverError),
            (99, .invalid), (600, .invalid), (-1, .invalid),
        ]
    )
    func kinds(code: Int, kind: HTTPStatus.Kind) {
        #expect(HTTPStatus(code: code).kind == kind)
        #expect(HTTPStatus(code: code).isError == (kind == .clientError || kind == .serverError))
    }

    @Test(
        "only 1xx, 204 and 304 carry no content (RFC 9110 §6.4.1)",
        arguments: [(100, false), (101, false), (200, true), (204, false), (205, true), (304, false), (404, true), (600, true)]
    )
    func content(code: Int, permitsBody: Bool) {
        #expect(HTTPStatus(code: code).permitsBody == permitsBody)
    }

    @Test("registered codes have their reason phrase, others an empty one; literals, constants and codes agree")
    func reasonPhrases() {
        #expect(HTTPStatus.unauthorized.reasonPhrase == "Unauthorized")
        #expect(HTTPStatus(code: 413).reasonPhrase == "Content Too Large")
        #expect(HTTPStatus(code: 299).reasonPhrase == "")
        let literal: HTTPStatus = 401
        #expect(literal == .unauthorized && literal.code == 401 && literal.rawValue == 401)
        #expect(HTTPStatus.ok < .notFound)
        #expect("\(HTTPStatus.gone)" == "410")
    }
}

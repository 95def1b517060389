import Testing

@testable import AuthStub

/// Body shapes and the JUnit text. (Parsing the answer is the HTTP layer's: `ResponseParserTests`.)
@Suite("Contract: shapes and reports")
struct ContractReportTests {
    @Test("Body shape compares keys and JSON types, not values; {{status}} stands for a number")
    func bodyShape() throws {
        let expected = try JSONValue.parse(#"{"code": "{{status}}", "message": "{{message}}", "items": [{"id": 1}]}"#)
        #expect(BodyShape.drifts(expected: expected, actual: try JSONValue.parse(#"{"code": 7, "message": "x", "items": [{"id": 2}]}"#)) == [])
        #expect(
            BodyShape.drifts(expected: expected, actual: try JSONValue.parse(#"{"code": "7", "message": null, "items": [{"id": "a"}], "x": 1}"#))
                == [
                    "body.code: string, expected number", "body.message: null, expected string",
                    "body.items[0].id: string, expected number", "body: unexpected key \"x\"",
                ]
        )
        #expect(BodyShape.drifts(expected: expected, actual: .array([])) == ["body: array, expected object"])
    }

    @Test("JUnit XML: one suite per service, a failure per drifted check, special characters escaped")
    func junit() {
        let pass = ContractCheck(
            service: "wice",
            endpoint: "login",
            example: "ok",
            method: "POST",
            path: "/login",
            condition: .success,
            deprecated: false,
            expectedStatus: 201,
            actualStatus: 201,
            drifts: []
        )
        var fail = pass
        fail.service = "usertoken"
        fail.deprecated = true
        fail.drifts = ["body: missing key \"a&b\"", "content type <none>"]
        let xml = ContractReport(checks: [pass, fail]).junitXML()
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"authstub verify\" tests=\"2\" failures=\"1\">"))
        #expect(xml.contains("<testsuite name=\"wice\" tests=\"1\" failures=\"0\">"))
        #expect(xml.contains("<testcase classname=\"wice.login\" name=\"POST /login wice/login#ok\"/>"))
        #expect(xml.contains("name=\"POST /login usertoken/login#ok [deprecated]\">"))
        #expect(xml.contains("<failure message=\"body: missing key &quot;a&amp;b&quot;; content type &lt;none&gt;\">"))
        #expect(xml.hasSuffix("</testsuites>\n"))
        #expect(!xml.contains("\"a&b\""))
    }
}

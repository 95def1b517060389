import Testing

@testable import AuthStub

/// Body shapes, response parsing and the JUnit text.
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

    @Test("A chunked answer is put back together; a cut-off body is an error")
    func responseParsing() throws {
        let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n"
        let response = try ContractResponse.parse(Array(chunked.utf8))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"a":1}"#)
        #expect(throws: ContractTransportError.self) {
            try ContractResponse.parse(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}".utf8))
        }
        #expect(throws: ContractTransportError.self) { try ContractResponse.parse(Array("SSH-2.0-OpenSSH\r\n\r\n".utf8)) }
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

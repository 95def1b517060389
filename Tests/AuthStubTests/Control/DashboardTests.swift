import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// `GET /__control`: the dashboard for browsers, the JSON status for everything else.
@Suite("Control: dashboard")
struct DashboardTests {
    static let browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

    @Test("a browser's Accept gets one self-contained HTML page that drives the control API", arguments: ["/__control", "/__control/"])
    func page(path: String) async throws {
        try await withStub { stub async throws in
            let response = try await stub.corsSend("GET", path, headers: [("Accept", Self.browserAccept)])
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/html; charset=utf-8")
            #expect(response.header("Content-Security-Policy")?.contains("connect-src 'self'") == true)
            let html = response.text
            #expect(html.hasPrefix("<!doctype html>"))
            for route in [
                "\"/faults\"", "\"/tokens/expire\"", "\"/clock\"", "\"/reset\"", "`/requests?limit=", "`/tokens?limit=", "`/faults?limit=",
                "\"/users\"",
                "\"/deprecations\"",
            ] {
                #expect(html.contains(route), "the page uses \(route)")
            }
            for label in ["Next request: 401", "Expire all tokens", "Remove deprecated logout", "Next request: 503", "Delay", "+8 h", "Reset"] {
                #expect(html.contains(label), "a button \(label)")
            }
            #expect(!html.contains("src=\"http"), "no external scripts or styles")
            #expect(!html.contains("innerHTML"), "journal text is never parsed as HTML")
            #expect(stub.journal.isEmpty)
        }
    }

    @Test(
        "curl (*/*), JSON clients and text/html;q=0 get the JSON status",
        arguments: [nil, "*/*", "application/json", "text/html;q=0, application/json"]
    )
    func status(accept: String?) async throws {
        try await withStub { stub async throws in
            let response = try await stub.corsSend("GET", "/__control", headers: accept.map { [("Accept", $0)] } ?? [])
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text.contains("\"version\""))
        }
    }

    @Test("every GET or HEAD answer at the root varies on Accept (page, status, 401), beside Origin; other routes do not")
    func varyAccept() async throws {
        try await withStub { stub async throws in
            for accept in [Self.browserAccept, "application/json"] {
                let response = try await stub.corsSend("GET", "/__control/", headers: [("Accept", accept)])
                #expect(response.status == 200)
                #expect(response.headerList("Vary") == ["accept"], "\(accept)")
            }
            let fromPage = try await stub.corsSend(
                "GET",
                "/__control",
                headers: [("Accept", Self.browserAccept), ("Origin", "http://localhost:3000")]
            )
            #expect(fromPage.headerList("Vary") == ["accept", "origin"])
            let status = try await stub.corsSend("GET", "/__control/status", headers: [("Accept", Self.browserAccept)])
            #expect(status.header("Vary") == nil, "/status always answers JSON")

            let connection = try await RawConnection.connect(port: try #require(stub.port))
            try await connection.send("HEAD /__control HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n")
            let head = try await connection.response(isHead: true)
            #expect(head.header("Content-Type") == "text/html; charset=utf-8")
            #expect(head.headerList("Vary") == ["accept"])
        }
        try await withStub(AuthStubServer.Options(host: "0.0.0.0")) { stub async throws in
            let refused = try await stub.corsSend("GET", "/__control", headers: [("Accept", "application/json")])
            #expect(refused.status == 401)
            #expect(refused.headerList("Vary") == ["accept"])
        }
    }

    @Test("bound beyond loopback: the page (which holds no data) loads without the control token; the data does not")
    func guardedServer() async throws {
        try await withStub(AuthStubServer.Options(host: "0.0.0.0")) { stub async throws in
            let page = try await stub.corsSend("GET", "/__control", headers: [("Accept", Self.browserAccept)])
            #expect(page.status == 200)
            #expect(page.text.contains("control token"))
            let status = try await stub.corsSend("GET", "/__control/status", headers: [("Accept", "application/json")])
            #expect(status.status == 401)
        }
    }
}

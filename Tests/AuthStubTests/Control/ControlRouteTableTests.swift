import Foundation
import StubHTTP
import Testing

@testable import AuthStub

/// The declared route table (`ControlRoutes`) against what describes or calls the control API
/// elsewhere: the DocC routes table, the dashboard's JavaScript, the CORS preflight's methods,
/// and the statuses each route answers.
@Suite("Control: the declared route table")
struct ControlRouteTableTests {
    static let packageRoot = controlPackageFixtures.deletingLastPathComponent()

    @Test("the ControlAPI article's routes table lists exactly the declared routes, in their order")
    func articleTable() throws {
        let article = try String(
            contentsOf: Self.packageRoot.appendingPathComponent("Sources/AuthStub/AuthStub.docc/ControlAPI.md"),
            encoding: .utf8
        )
        let section = try #require(article.components(separatedBy: "### Routes").dropFirst().first?.components(separatedBy: "\n### ").first)
        let rows = section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        }
        #expect(rows == ControlRoutes.all.map { "\($0.method) /__control\($0.path)" })
    }

    @Test("every control call the dashboard makes is a declared route")
    func dashboardCalls() throws {
        let page = DashboardPage.html
        var calls: [(method: String, path: String)] = []
        // api("DELETE", "/faults/" + encodeURIComponent(fault.id)) calls a path with an id after its last slash.
        let call = try Regex(#"api\("([A-Z]+)", "(/[^"]*)""#)
        for match in page.matches(of: call) {
            guard let method = match.output[1].substring, let path = match.output[2].substring else { continue }
            calls.append((String(method), path.hasSuffix("/") ? path + "x" : String(path)))
        }
        // The poll reads a list of paths with GET, pages of lists with a query (`/tokens?limit=${pageSize}`).
        let poll = try Regex(#"\[([^\]]*)\]\s*\.map\(\(path\) => api\("GET", path\)\)"#)
        let listed = try #require(page.firstMatch(of: poll)?.output[1].substring)
        for item in listed.split(separator: ",") {
            let path = item.trimmingCharacters(in: CharacterSet(charactersIn: " \n\"`")).split(separator: "?").first ?? ""
            calls.append(("GET", String(path)))
        }

        #expect(calls.count >= 10, "\(calls)")
        for call in calls {
            let routes = ControlRoutes.routes(at: call.path.split(separator: "/").map(String.init))
            #expect(
                routes.contains { $0.route.method.rawValue == call.method },
                "the dashboard calls \(call.method) \(call.path), which no route declares"
            )
        }
    }

    @Test("a CORS preflight for the control API allows every declared method, and HEAD")
    func preflightMethods() {
        let allowed = Set(CORSHeaders.controlMethods.components(separatedBy: ", "))
        #expect(allowed == Set(ControlRoutes.all.map(\.method.rawValue)).union(["HEAD"]))
    }

    @Test("every route answers only statuses it declares: without input, with a body that is not JSON, with an unknown query parameter")
    func declaredStatuses() async throws {
        try await withStub { stub async throws in
            for route in ControlRoutes.all {
                let path = route.path.segments.map { segment in
                    switch segment {
                    case .literal(let literal): "/" + literal
                    case .parameter: "/nope"
                    }
                }.joined()
                func status(query: String? = nil, body: String = "") throws -> HTTPStatus {
                    let request = HTTPRequest(
                        method: route.method,
                        path: "/__control" + path,
                        query: query,
                        headers: ["Host": "127.0.0.1", "Content-Type": "application/json"],
                        body: Array(body.utf8)
                    )
                    guard case .respond(let response) = stub.respond(to: request) else {
                        Issue.record("\(route) was not answered with a response")
                        return 0
                    }
                    return response.status
                }
                let plain = try status()
                #expect(route.statuses.contains(plain), "\(route) answered \(plain), not one of \(route.statuses)")
                if route.body != .none {
                    #expect(try status(body: "not json") == 400, "\(route)")
                    #expect(route.statuses.contains(400), "\(route) reads a body but declares no 400")
                }
                if !route.query.isEmpty {
                    #expect(try status(query: "bogus=1") == 400, "\(route)")
                    #expect(route.statuses.contains(400), "\(route) reads a query but declares no 400")
                }
                try await stub.reset()
            }
        }
    }

    @Test("each route's success status comes first; a route that names an input model reads a body or query")
    func descriptions() {
        for route in ControlRoutes.all {
            #expect([200, 201, 204].contains(route.statuses.first ?? 0), "\(route)")
            #expect((route.statuses.first == 204) == (route.outputModel == nil), "\(route)")
            if route.inputModel != nil { #expect(route.body != .none || !route.query.isEmpty, "\(route)") }
        }
        let addFault = ControlRoutes.addFault.erased
        #expect(addFault.description == "POST /faults")
        #expect(addFault.inputModel == "Fault")
        #expect(addFault.outputModel == "InstalledFault")
        #expect(addFault.statuses == [201, 400, 409])
        #expect(ControlRoutes.pact.erased.query.map(\.name) == ["consumer", "provider"])
    }
}

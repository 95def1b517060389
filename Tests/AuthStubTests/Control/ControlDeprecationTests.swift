import Foundation
import Testing

@testable import AuthStub

/// A deprecated route's lifecycle through the control operations, seen over HTTP.
@Suite("Control: deprecations")
struct ControlDeprecationTests {
    static let logoutPost = "/m2m/v1/auth/logout"

    /// Calls the deprecated `POST …/logout` with a fresh token.
    static func postLogout(_ stub: AuthStubServer, path: String = logoutPost) async throws -> StubResponse {
        let token = try await stub.wiceLogin()
        return try await stub.send("POST", path, headers: ["auth-token": token, "Accept": "application/json"])
    }

    @Test(
        "the list: wice logout-post, POST at both base paths, deprecated, successor DELETE /v1/auth/logout",
        arguments: ControlTransport.allCases
    )
    func list(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let deprecations = try await control.deprecations()
            #expect(
                deprecations == [
                    DeprecationInfo(
                        service: "wice",
                        endpoint: "logout-post",
                        method: "POST",
                        paths: ["/m2m/v1/auth/logout", "/v1/auth/logout"],
                        phase: .deprecated,
                        deprecatedAt: Date(timeIntervalSince1970: 1_577_836_800),
                        sunsetAt: nil,
                        successor: "DELETE /v1/auth/logout"
                    )
                ]
            )
        }
    }

    @Test(
        "removed: the route answers 410 naming the successor at both base paths; deprecated again: served again",
        arguments: ControlTransport.allCases
    )
    func removed(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let info = try await control.setDeprecation(DeprecationChange(method: "POST", path: Self.logoutPost, phase: .removed))
            #expect(info.phase == .removed)
            #expect(info.endpoint == "logout-post")
            #expect(try await control.deprecations().map(\.phase) == [.removed])
            #expect(try await control.fixtureSummaries().first { $0.endpoint == "logout-post" }?.deprecation == .removed)

            let token = try await stub.wiceLogin()
            let gone = try await stub.send("POST", Self.logoutPost, headers: ["auth-token": token, "Accept": "application/json"])
            #expect(gone.status == 410)
            #expect((gone.json?["message"] as? String)?.contains("DELETE /m2m/v1/auth/logout") == true, "\(gone.text)")
            #expect(stub.lastEntry?.deprecated == true)
            #expect(try await stub.send("POST", "/v1/auth/logout", headers: ["auth-token": token]).status == 410)
            #expect(try await control.tokens().first?.state == .active, "a refused logout revokes nothing")

            _ = try await control.setDeprecation(DeprecationChange(method: "post", path: "/v1/auth/logout", phase: .deprecated))
            #expect(try await Self.postLogout(stub).status == 201)
        }
    }

    @Test("sunset with a future date: served with Sunset; once the clock passes it, 410", arguments: ControlTransport.allCases)
    func sunsetThenRemoved(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let now = try await control.clock().now
            let sunset = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + 3600).rounded(.down))
            let info = try await control.setDeprecation(DeprecationChange(method: "POST", path: Self.logoutPost, phase: .sunset, sunsetAt: sunset))
            #expect(info.phase == .sunset)
            #expect(info.sunsetAt == sunset)

            let served = try await Self.postLogout(stub)
            #expect(served.status == 201)
            #expect(served.header("Sunset") != nil)

            try await control.advanceClock(by: .seconds(2 * 3600))
            #expect(try await control.deprecations().first?.phase == .removed)
            #expect(try await Self.postLogout(stub).status == 410)
            #expect(try await Self.postLogout(stub, path: "/v1/auth/logout").status == 410)
        }
    }

    @Test("sunset without a date (the fixture gives none) is a 400 naming sunsetAt", arguments: ControlTransport.allCases)
    func sunsetNeedsDate(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let error = await #expect(throws: ControlError.self) {
                try await control.setDeprecation(DeprecationChange(method: "POST", path: Self.logoutPost, phase: .sunset))
            }
            #expect(error?.status == 400)
            #expect(error?.field == "sunsetAt")
            #expect(try await control.deprecations().first?.phase == .deprecated)
            #expect(try await Self.postLogout(stub).status == 201)
        }
    }

    @Test("a route that is not deprecated is a 400 naming path; an unknown path a 404", arguments: ControlTransport.allCases)
    func refused(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let current = await #expect(throws: ControlError.self) {
                try await control.setDeprecation(DeprecationChange(method: "DELETE", path: "/m2m/v1/auth/logout", phase: .removed))
            }
            #expect(current?.status == 400)
            #expect(current?.field == "path")

            let unknown = await #expect(throws: ControlError.self) {
                try await control.setDeprecation(DeprecationChange(method: "POST", path: "/m2m/v1/auth/nowhere", phase: .removed))
            }
            #expect(unknown?.status == 404)
            #expect(unknown?.field == "path")

            let wrongMethod = await #expect(throws: ControlError.self) {
                try await control.setDeprecation(DeprecationChange(method: "GET", path: Self.logoutPost, phase: .removed))
            }
            #expect(wrongMethod?.status == 404)
            #expect(wrongMethod?.field == "method")
            #expect(try await control.deprecations().map(\.phase) == [.deprecated])
        }
    }
}

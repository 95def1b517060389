// The XCTest quick start of AuthStubTesting's Getting Started article, verbatim (its logIn/logOut
// helpers are the Swift Testing one's). DocSnippetTests checks that the article still matches.
import AuthStub
import AuthStubTesting
import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `startAuthStub()` starts a server on a free port and stops it in teardown.
final class AuthFlowXCTests: XCTestCase {
    func testExpiredTokenIsRefused() async throws {
        let stub = try await startAuthStub()
        let token = try await logIn(to: stub, with: .shared)

        try await stub.advanceClock(by: .seconds(8 * 3600))

        let status = try await logOut(token, from: stub, with: .shared)
        XCTAssertEqual(status, 401)
        try await stub.verify(.called("DELETE", "/m2m/v1/auth/logout", times: 1))
    }

    func testLogoutNeverUsesTheDeprecatedRoute() async throws {
        let stub = try await startAuthStub()
        try await stub.setDeprecation(DeprecationChange(method: "POST", path: "/m2m/v1/auth/logout", phase: .removed))
        let token = try await logIn(to: stub, with: .shared)

        let status = try await logOut(token, from: stub, with: .shared)
        XCTAssertEqual(status, 204)
        try await stub.verify(.noDeprecatedCalls)
    }

    func testLoginIsRetriedAfter503() async throws {
        let stub = try await startAuthStub()
        try await stub.addFault(.status(503, headers: [HTTPHeaderField("Retry-After", "0")]), times: 1)

        let token = try await logIn(to: stub, with: URLSession(configuration: stub.inProcessConfiguration), attempts: 2)

        XCTAssertFalse(token.isEmpty)
        try await stub.verify(.called("POST", "/m2m/v1/auth/login", times: 2))
    }
}

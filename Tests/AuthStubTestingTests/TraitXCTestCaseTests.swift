import AuthStub
import AuthStubTesting
import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `XCTestCase.startAuthStub()`: a started server for the test, stopped by the teardown block
/// it registers. XCTest runs teardown blocks before `tearDown()`, so `tearDown()` checks that
/// the server each test started no longer answers on its port.
final class TraitXCTestCaseTests: XCTestCase {
    private var started: [AuthStubServer] = []

    func testLoginThenExpiredToken() async throws {
        let stub = try await startAuthStub()
        started.append(stub)
        let port = try XCTUnwrap(stub.port)
        XCTAssertEqual(stub.baseURL.absoluteString, "http://127.0.0.1:\(port)")

        let login = try await TraitRequests.send(
            stub,
            "POST",
            "/m2m/v1/auth/login",
            headers: ["Content-Type": "application/json"],
            body: TraitRequests.credentials
        )
        XCTAssertEqual(login.status, 201)
        let token = try XCTUnwrap(login.response.value(forHTTPHeaderField: "auth-token"))

        try await stub.advanceClock(by: .seconds(8 * 3600))
        let logout = try await TraitRequests.send(stub, "DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
        XCTAssertEqual(logout.status, 401)
        XCTAssertEqual(stub.journal.last?.reason, "token idle for 8h0m (limit 8h)")
        try await stub.verify(.called("DELETE", "/m2m/v1/auth/logout", times: 1), .noDeprecatedCalls)
    }

    func testTwoServersInOneTest() async throws {
        var options = AuthStubServer.Options()
        options.exampleHeader = false
        let first = try await startAuthStub()
        let second = try await startAuthStub(options)
        started += [first, second]
        XCTAssertNotEqual(first.port, second.port)
        XCTAssertFalse(second.options.exampleHeader)
        let token = try await TraitRequests.wiceLogin(first)
        let elsewhere = try await TraitRequests.send(second, "DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
        XCTAssertEqual(elsewhere.status, 401)
        XCTAssertEqual(second.journal.last?.reason, "unknown token")
    }

    override func tearDown() async throws {
        // The teardown blocks `startAuthStub` registered have run by now.
        XCTAssertFalse(started.isEmpty, "the test started no server")
        for server in started {
            let running = await TraitRequests.stillRunning(server)
            XCTAssertNil(running, "startAuthStub's teardown did not stop the server")
        }
        started = []
        try await super.tearDown()
    }
}

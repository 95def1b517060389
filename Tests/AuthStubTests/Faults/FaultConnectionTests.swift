import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `delay`, `drop`, `reset` and `malformed`: what a client sees on the wire, through URLSession
/// (a fresh ephemeral session per request) and through a raw socket.
@Suite("Faults: delay, drop, reset, malformed")
struct FaultConnectionTests {
    /// The `URLError` code URLSession reports for each connection fault. Measured on Linux
    /// (swift-corelibs FoundationNetworking, which uses libcurl); Darwin's URLSession reports a
    /// lost connection for all three.
    static func expectedURLErrorCode(_ kind: FaultKind) -> URLError.Code {
        #if os(Linux)
        switch kind {
        case .drop: return .badServerResponse
        case .reset: return .networkConnectionLost
        default: return .unknown
        }
        #else
        return .networkConnectionLost
        #endif
    }

    @Test("delay: the answer arrives no sooner than the delay, and is the normal one")
    func delay() async throws {
        try await withStub { stub in
            try await stub.addFault(.delay(.milliseconds(300)), match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
            let started = ContinuousClock.now
            let response = try await stub.faultWiceLogin()
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(300), "answered after \(elapsed)")
            #expect(response.status == 201)
            #expect(isUUIDv4(try #require(response.header("auth-token"))))
            #expect(response.header("X-AuthStub-Fault") == "f1")
            #expect(stub.lastEntry?.fault == "f1")
            #expect(stub.lastEntry?.status == 201)
            #expect(stub.lastEntry?.fixture == "wice/login#status-message")
            #expect(try await stub.faultNamed("f1").remaining == 0)
        }
    }

    @Test("delay with a later status fault: both apply, after the delay, and the journal lists both")
    func delayThenStatus() async throws {
        try await withStub { stub in
            try await stub.addFault(.delay(.milliseconds(300)), times: 1)
            try await stub.addFault(.status(503), times: 1)
            let started = ContinuousClock.now
            let response = try await stub.faultWiceLogin()
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(300), "answered after \(elapsed)")
            #expect(response.status == 503)
            #expect(response.json?["message"] as? String == "injected fault f2 (status 503)")
            #expect(response.header("X-AuthStub-Fault") == "f1, f2")
            let entry = try #require(stub.lastEntry)
            #expect(entry.fault == "f1, f2")
            #expect(entry.reason == "injected fault f2 (status 503)")
            #expect(try await stub.faults().map(\.applied) == [1, 1])
            // Both spent: the next login is normal and quick to arrive.
            let next = try await stub.faultWiceLogin()
            #expect(next.status == 201)
            #expect(next.header("X-AuthStub-Fault") == nil)
        }
    }

    @Test("a delay holds back only its own request: the server answers others meanwhile")
    func delayIsPerRequest() async throws {
        try await withStub { stub in
            try await stub.addFault(.delay(.seconds(2)), match: FaultMatch(path: "/v1/auth/login"), times: 1)
            async let slow = stub.faultWiceLogin("/v1/auth/login")
            try await Task.sleep(for: .milliseconds(100))
            let quick = try await stub.faultWiceLogin("/m2m/v1/auth/login")
            #expect(quick.status == 201)
            #expect(quick.header("X-AuthStub-Fault") == nil)
            #expect(try await slow.status == 201)
        }
    }

    @Test("drop, reset and malformed reach URLSession as URLErrors", arguments: [FaultKind.drop, .reset, .malformed])
    func urlSessionErrors(kind: FaultKind) async throws {
        try await withStub { stub in
            try await stub.addFault(kind, match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
            let error = try await stub.faultURLError("POST", "/m2m/v1/auth/login", headers: FaultRequests.json, body: FaultRequests.credentials)
            #expect(error?.code == Self.expectedURLErrorCode(kind), "\(kind.name): \(String(describing: error))")
            #expect(try await stub.faultNamed("f1").applied == 1)
            // Spent: the next login goes through.
            #expect(try await stub.faultWiceLogin().status == 201)
        }
    }

    @Test("drop: the connection closes without a byte; the journal has no status")
    func dropRaw() async throws {
        try await withStub { stub in
            try await stub.addFault(.drop, match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
            let outcome = try await stub.faultRawExchange(FaultRequests.rawWiceLogin())
            #expect(try outcome.get() == [])
            let entry = try #require(stub.lastEntry)
            #expect(entry.status == nil)
            #expect(entry.fault == "f1")
            #expect(entry.reason == "injected fault f1 (drop: closed without a response)")
            // The login was not carried out.
            #expect(try await stub.tokens().isEmpty)
        }
    }

    @Test("reset: the client's read fails with ECONNRESET (or ends) without a byte; the journal has no status")
    func resetRaw() async throws {
        try await withStub { stub in
            try await stub.addFault(.reset, match: FaultMatch(path: "/auth/login"), times: 1)
            let outcome = try await stub.faultRawExchange(FaultRequests.rawUserTokenLogin)
            switch outcome {
            case .failure(let error):
                #expect(ClientSocket.isReset(error), "\(error)")
            case .success(let bytes):
                #expect(bytes.isEmpty)
                #if os(Linux)
                Issue.record("Linux reports a TCP reset as ECONNRESET, not as an orderly end")
                #endif
            }
            let entry = try #require(stub.lastEntry)
            #expect(entry.status == nil)
            #expect(entry.fault == "f1")
            #expect(entry.reason == "injected fault f1 (reset)")
            #expect(try await stub.tokens().isEmpty)
        }
    }

    @Test("drop and reset differ on the wire: an orderly end versus a reset")
    func dropIsNotReset() async throws {
        try await withStub { stub in
            try await stub.addFault(.drop, match: FaultMatch(method: "POST"), times: 1)
            try await stub.addFault(.reset, match: FaultMatch(method: "DELETE"), times: 1)
            let dropped = try await stub.faultRawExchange(FaultRequests.rawWiceLogin())
            let reset = try await stub.faultRawExchange("DELETE /v1/auth/logout HTTP/1.1\r\nHost: a\r\nauth-token: x\r\n\r\n")
            #expect((try? dropped.get()) == [])
            #if os(Linux)
            if case .failure(let error) = reset { #expect(ClientSocket.isReset(error)) } else { Issue.record("reset arrived as \(reset)") }
            #endif
        }
    }

    @Test("malformed: the normal head, then the body breaks off at half its Content-Length")
    func malformedRaw() async throws {
        try await withStub { stub in
            try await stub.addFault(.malformed, match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
            let bytes = try await stub.faultRawExchange(FaultRequests.rawWiceLogin()).get()
            let answer = try #require(FaultRawAnswer(bytes), "\(String(decoding: bytes, as: UTF8.self))")
            #expect(answer.status == 201)
            #expect(answer.header("Content-Type") == "application/json")
            #expect(answer.header("X-AuthStub-Fault") == "f1")
            let token = try #require(answer.header("auth-token"))
            let length = try #require(answer.contentLength)
            let full = #"{"code":12345,"message":"..."}"#
            #expect(length == full.utf8.count)
            #expect(answer.body.count < length)
            #expect(answer.body.count == length / 2)
            #expect(full.hasPrefix(answer.text))

            // The normal answer was decided: the token it names is real.
            #expect(try await stub.tokens().map(\.token) == [token])
            let entry = try #require(stub.lastEntry)
            #expect(entry.status == 201)
            #expect(entry.fault == "f1")
            #expect(entry.reason == "injected fault f1 (malformed: the body breaks off)")
        }
    }

    @Test("malformed on a bodyless 204 (wice DELETE logout): a 200 whose body breaks off; the logout still happens")
    func malformedNoContent() async throws {
        try await withStub { stub in
            let token = try await stub.wiceLogin()
            try await stub.addFault(.malformed, match: FaultMatch(method: "DELETE", path: "/m2m/v1/auth/logout"), times: 1)
            let bytes = try await stub.faultRawExchange("DELETE /m2m/v1/auth/logout HTTP/1.1\r\nHost: a\r\nauth-token: \(token)\r\n\r\n").get()
            let answer = try #require(FaultRawAnswer(bytes), "\(String(decoding: bytes, as: UTF8.self))")
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/json")
            let length = try #require(answer.contentLength)
            #expect(length > 0)
            #expect(!answer.body.isEmpty)
            #expect(answer.body.count < length)
            #expect(#"{"error":"AuthStub fault f1 cut this body short"}"#.hasPrefix(answer.text))
            #expect(stub.lastEntry?.status == 200)
            #expect(stub.lastEntry?.fault == "f1")

            let again = try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(again.status == 401)
            #expect(stub.lastEntry?.reason == "token logged out")
        }
    }

    @Test("malformed on the 204 through URLSession is an error too")
    func malformedNoContentURLSession() async throws {
        try await withStub { stub in
            let token = try await stub.wiceLogin()
            try await stub.addFault(.malformed, match: FaultMatch(method: "DELETE"), times: 1)
            let error = try await stub.faultURLError("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(error?.code == Self.expectedURLErrorCode(.malformed), "\(String(describing: error))")
        }
    }

    @Test("a connection fault after a delay: the client waits, then sees the connection fail")
    func delayThenDrop() async throws {
        try await withStub { stub in
            try await stub.addFault(.delay(.milliseconds(300)), times: 1)
            try await stub.addFault(.drop, times: 1)
            let started = ContinuousClock.now
            let outcome = try await stub.faultRawExchange(FaultRequests.rawWiceLogin())
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect((try? outcome.get()) == [])
            #expect(stub.lastEntry?.fault == "f1, f2")
            #expect(stub.lastEntry?.status == nil)
        }
    }
}

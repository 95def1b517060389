import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import AuthStub

/// Many faults through a real socket: the index picks the right one among 20,000, spent
/// faults leave it for a bounded history, and the control API lists and refuses as documented.
@Suite("Faults: many at once")
struct FaultScaleTests {
    @Test("among 20,000 exact-path faults on other paths, a login gets its own path's fault, then the glob's, in the order added")
    func manyExactPathFaults() async throws {
        try await withStub { stub in
            for number in 0..<20_000 {
                try await stub.addFault(.status(500), match: FaultMatch(path: "/elsewhere/\(number)"))
            }
            let own = try await stub.addFault(.status(503), match: FaultMatch(path: "/m2m/v1/auth/login"), times: 2)
            let glob = try await stub.addFault(.status(502), match: FaultMatch(path: "/m2m/*/login"), times: 1)
            let delay = try await stub.addFault(.delay(.milliseconds(1)), match: FaultMatch(path: "*"), times: 1)
            #expect(own.id == "f20001")

            var answered: [String?] = []
            for _ in 0..<4 {
                let response = try await stub.faultWiceLogin()
                answered.append(response.header("X-AuthStub-Fault"))
            }
            #expect(answered == ["f20003, f20001", "f20001", "f20002", nil])
            #expect(stub.lastEntry?.status == 201)
            #expect(try await stub.faultNamed(delay.id).remaining == 0)
            #expect(try await stub.faultNamed(glob.id).remaining == 0)
            #expect(try await stub.status().faults == 20_003)

            let elsewhere = try await stub.send("GET", "/elsewhere/19999")
            #expect(elsewhere.status == 500)
            #expect(elsewhere.header("X-AuthStub-Fault") == "f20000")
        }
    }

    @Test("1,500 times-1 faults spent over one connection, each once and in order; the listing keeps the last 1,000 with remaining 0")
    func spentOverASocket() async throws {
        try await withStub { stub in
            for _ in 0..<1_500 { try await stub.addFault(.status(503), match: FaultMatch(path: "/spent"), times: 1) }
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            var faults: [String?] = []
            for _ in 0..<16 {
                try await connection.send(String(repeating: "GET /spent HTTP/1.1\r\nHost: a\r\n\r\n", count: 100))
                faults += try await connection.responses(100).map { $0.header("X-AuthStub-Fault") }
            }
            await connection.close()
            #expect(faults == (1...1_500).map { "f\($0)" } + Array(repeating: nil, count: 100))

            let control = stub.controlClient()
            let listed = try await control.faults()
            #expect(listed.map(\.id) == (501...1_500).map { "f\($0)" })
            #expect(listed.allSatisfy { $0.remaining == 0 && $0.applied == 1 })
            #expect(try await control.status().faults == 1_000)
            try await control.removeFault(id: "f1500")
            let forgotten = await #expect(throws: ControlError.self) { try await control.removeFault(id: "f500") }
            #expect(forgotten?.status == 404)
            #expect(try await control.faults().count == 999)
        }
    }
}

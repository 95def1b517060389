import Foundation
import StubHTTP
import Testing

@testable import AuthStub

/// The control operations on faults (what each kind does to a request is tested with the
/// faults themselves): ids, listing with counts, removal, validation.
@Suite("Control: managing faults")
struct ControlFaultControlTests {
    @Test("add answers each fault with its id f1, f2, …; the list keeps them in order", arguments: ControlTransport.allCases)
    func addAndList(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let first = try await control.addFault(.unauthorized, match: FaultMatch(method: "post", path: "/auth/bump"), times: 2)
            #expect(first.id == "f1")
            #expect(first.fault == Fault(.unauthorized, match: FaultMatch(method: "POST", path: "/auth/bump"), times: 2))
            #expect(first.remaining == 2)
            #expect(first.applied == 0)

            let status = Fault(
                .status(503, headers: [HTTPHeaderField("Retry-After", "2")], body: .json(.object(["error": .string("busy")]))),
                match: FaultMatch(path: "/m2m/*")
            )
            let second = try await control.addFault(status)
            #expect(second.id == "f2")
            #expect(second.fault == status)
            #expect(second.remaining == nil)

            let third = try await control.addFault(Fault(.delay(.milliseconds(250)), match: FaultMatch(token: "abc"), times: 1))
            #expect(third.id == "f3")
            #expect(third.fault.kind == .delay(.milliseconds(250)))

            let listed = try await control.faults()
            #expect(listed == [first, second, third])
        }
    }

    @Test(
        "the list shows remaining counting down and applied counting up; a spent fault stays listed with 0",
        arguments: ControlTransport.allCases
    )
    func remainingCountsDown(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            try await control.addFault(.status(503), match: FaultMatch(path: "/m2m/v1/auth/login"), times: 2)
            try await control.addFault(.status(500), match: FaultMatch(path: "/nowhere"))

            #expect(try await stub.controlWiceLogin("user", "secret").status == 503)
            var listed = try await control.faults()
            #expect(listed.map(\.remaining) == [1, nil])
            #expect(listed.map(\.applied) == [1, 0])

            #expect(try await stub.controlWiceLogin("user", "secret").status == 503)
            #expect(try await stub.controlWiceLogin("user", "secret").status == 201)
            listed = try await control.faults()
            #expect(listed.map(\.id) == ["f1", "f2"])
            #expect(listed.map(\.remaining) == [0, nil])
            #expect(listed.map(\.applied) == [2, 0])

            #expect(try await stub.send("GET", "/nowhere").status == 500)
            #expect(try await stub.send("GET", "/nowhere").status == 500)
            listed = try await control.faults()
            #expect(listed.map(\.remaining) == [0, nil])
            #expect(listed.map(\.applied) == [2, 2])
        }
    }

    @Test("remove one: it no longer applies; removing it again, or an unknown id, is a 404", arguments: ControlTransport.allCases)
    func removeOne(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            try await control.addFault(.status(503), match: FaultMatch(path: "/m2m/v1/auth/login"))
            let kept = try await control.addFault(.status(500), match: FaultMatch(path: "/nowhere"))
            #expect(try await stub.controlWiceLogin("user", "secret").status == 503)

            try await control.removeFault(id: "f1")
            #expect(try await control.faults() == [kept])
            #expect(try await stub.controlWiceLogin("user", "secret").status == 201)

            let again = await #expect(throws: ControlError.self) { try await control.removeFault(id: "f1") }
            #expect(again?.status == 404)
            let unknown = await #expect(throws: ControlError.self) { try await control.removeFault(id: "f99") }
            #expect(unknown?.status == 404)
            #expect(unknown?.message.contains("f99") == true)
            #expect(try await control.faults() == [kept])
            // Ids are not reused after a removal.
            #expect(try await control.addFault(.drop, match: FaultMatch(path: "/x")).id == "f3")
        }
    }

    @Test("clear removes every fault", arguments: ControlTransport.allCases)
    func clear(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            try await control.addFault(.status(503), match: FaultMatch(path: "/m2m/v1/auth/login"))
            try await control.addFault(.unauthorized)
            try await control.clearFaults()
            #expect(try await control.faults().isEmpty)
            #expect(try await control.status().faults == 0)
            #expect(try await stub.controlWiceLogin("user", "secret").status == 201)
            #expect(stub.lastEntry?.fault == nil)
        }
    }

    @Test("reset forgets live and spent faults; ids start again at f1", arguments: ControlTransport.allCases)
    func reset(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            try await control.addFault(.status(503), match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
            try await control.addFault(.status(500), match: FaultMatch(path: "/nowhere"))
            #expect(try await stub.controlWiceLogin("user", "secret").status == 503)
            #expect(try await control.faults().map(\.remaining) == [0, nil])
            try await control.reset()
            #expect(try await control.faults().isEmpty)
            #expect(try await control.status().faults == 0)
            #expect(try await stub.send("GET", "/nowhere").status == 404)
            #expect(try await control.addFault(.drop, match: FaultMatch(path: "/x")).id == "f1")
        }
    }

    @Test(
        "a fault that would take the live ones past 64 MiB is a 409 naming the limit; nothing is installed",
        arguments: ControlTransport.allCases
    )
    func full(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let body = String(decoding: [UInt8](repeating: UInt8(ascii: "x"), count: 62 * 1024 * 1024), as: UTF8.self)
            try await stub.addFault(.status(503, body: .text(body)), match: FaultMatch(path: "/big"))
            let more = Fault(.status(503, body: .text(String(repeating: "y", count: 3 * 1024 * 1024))))
            let error = await #expect(throws: ControlError.self) { try await control.addFault(more) }
            #expect(error?.status == 409)
            #expect(error?.message.contains("64 MiB") == true)
            #expect(try await control.status().faults == 1)
            try await control.removeFault(id: "f1")
            #expect(try await control.addFault(more).id == "f2")
        }
    }

    /// A fault the server refuses, and the field it names.
    struct Invalid: Sendable, CustomTestStringConvertible {
        let name: String
        let fault: Fault
        let field: String
        var testDescription: String { name }
    }

    static let invalid: [Invalid] = [
        Invalid(name: "times 0", fault: Fault(.drop, times: 0), field: "times"),
        Invalid(name: "times -1", fault: Fault(.drop, times: -1), field: "times"),
        Invalid(name: "status 99", fault: Fault(.status(99)), field: "status"),
        Invalid(name: "status 600", fault: Fault(.status(600)), field: "status"),
        Invalid(
            name: "header value with CR LF",
            fault: Fault(.status(503, headers: [HTTPHeaderField("X-Injected", "a\r\nSet-Cookie: b")])),
            field: "headers.X-Injected"
        ),
        Invalid(name: "header value with LF", fault: Fault(.status(503, headers: [HTTPHeaderField("X", "a\nb")])), field: "headers.X"),
        Invalid(
            name: "Content-Length header",
            fault: Fault(.status(503, headers: [HTTPHeaderField("Content-Length", "3")])),
            field: "headers.Content-Length"
        ),
        Invalid(name: "match.path without /", fault: Fault(.drop, match: FaultMatch(path: "v1/auth/login")), field: "match.path"),
        Invalid(name: "match.method not a token", fault: Fault(.drop, match: FaultMatch(method: "GE T")), field: "match.method"),
        Invalid(name: "empty match.token", fault: Fault(.drop, match: FaultMatch(token: "")), field: "match.token"),
        Invalid(name: "delay beyond 600 s", fault: Fault(.delay(.seconds(601))), field: "delayMs"),
        Invalid(name: "negative delay", fault: Fault(.delay(.milliseconds(-1))), field: "delayMs"),
        Invalid(name: "body on a 204", fault: Fault(.status(204, body: .text("no"))), field: "body"),
        Invalid(name: "body on a 304", fault: Fault(.status(304, body: .json(.object([:])))), field: "body"),
    ]

    @Test(
        "an invalid fault is a 400 naming the field, and nothing is installed",
        arguments: ControlTransport.allCases,
        Self.invalid
    )
    func validation(transport: ControlTransport, invalid: Invalid) async throws {
        try await withControl(transport) { _, control async throws in
            let error = await #expect(throws: ControlError.self) { try await control.addFault(invalid.fault) }
            #expect(error?.status == 400)
            #expect(error?.field == invalid.field)
            #expect(error?.message.isEmpty == false)
            #expect(try await control.faults().isEmpty)
            // The refusal used no id.
            #expect(try await control.addFault(.drop, match: FaultMatch(path: "/x")).id == "f1")
        }
    }

    @Test(
        "the limits themselves are accepted: times 1, status 200 and 599, a delay of exactly 600 s, a 204 without a body",
        arguments: ControlTransport.allCases
    )
    func validationLimits(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let faults = [
                Fault(.drop, times: 1), Fault(.status(200)), Fault(.status(599)), Fault(.delay(.seconds(600))), Fault(.status(204)),
                Fault(.drop, match: FaultMatch(path: "*")),
            ]
            for fault in faults { _ = try await control.addFault(fault) }
            #expect(try await control.faults().map(\.fault) == faults)
        }
    }

    @Test("an empty id is an unknown id: a 404 that removes nothing", arguments: ControlTransport.allCases)
    func removeEmptyID(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            try await control.addFault(.status(503), match: FaultMatch(path: "/nowhere"))
            try await control.addFault(.drop, match: FaultMatch(path: "/nowhere-either"))
            let error = await #expect(throws: ControlError.self) { try await control.removeFault(id: "") }
            #expect(error?.status == 404)
            #expect(try await control.faults().map(\.id) == ["f1", "f2"])
        }
    }
}

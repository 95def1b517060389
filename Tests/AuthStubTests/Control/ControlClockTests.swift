import Foundation
import Testing

@testable import AuthStub

/// The server clock through the control operations.
@Suite("Control: clock")
struct ControlClockTests {
    /// 2030-01-01T10:00:00Z.
    static let instant = Date(timeIntervalSince1970: 1_893_492_000)

    @Test("read: real time, running, no offset", arguments: ControlTransport.allCases)
    func read(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let before = Date()
            let clock = try await control.clock()
            #expect(controlIsBetween(clock.now, before, Date()))
            #expect(clock.frozen == false)
            #expect(abs(clock.offset.controlSeconds) < 5)
        }
    }

    @Test("advance by a Duration moves now and the offset, forward and back", arguments: ControlTransport.allCases)
    func advance(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let before = Date()
            var clock = try await control.advanceClock(by: .seconds(2 * 3600))
            #expect(abs(clock.offset.controlSeconds - 7200) < 5)
            #expect(controlIsBetween(clock.now, before, Date(), offset: 7200))
            #expect(clock.frozen == false)

            clock = try await control.advanceClock(by: .seconds(-1800))
            #expect(abs(clock.offset.controlSeconds - 5400) < 5)
            let beforeRead = Date()
            let read = try await control.clock()
            #expect(controlIsBetween(read.now, beforeRead, Date(), offset: 5400))

            clock = try await control.advanceClock(by: .milliseconds(1500))
            #expect(abs(clock.offset.controlSeconds - 5401.5) < 5)
        }
    }

    @Test(
        "set: now is that instant (and runs on); set and freeze: exactly that instant, in responses too",
        arguments: ControlTransport.allCases
    )
    func set(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let before = Date()
            var clock = try await control.setClock(to: Self.instant)
            #expect(controlIsBetween(clock.now, Self.instant, Self.instant.addingTimeInterval(Date().timeIntervalSince(before))))
            #expect(clock.frozen == false)
            let offset = clock.offset.controlSeconds
            #expect(offset <= Self.instant.timeIntervalSince(before) + 0.001 && offset >= Self.instant.timeIntervalSinceNow - 0.001)

            clock = try await control.changeClock(ClockChange(set: Self.instant, freeze: true))
            #expect(clock.now == Self.instant)
            #expect(clock.frozen)
            #expect(try await control.clock().now == Self.instant)

            let login = try await stub.send(
                "POST",
                "/auth/login",
                headers: [
                    "Authorization": "Basic " + Data("user:secret".utf8).base64EncodedString(), "Accept": "application/json",
                ]
            )
            #expect(login.json?["creationTime"] as? String == "2030-01-01T10:00:00+00:00")
            #expect(try await control.tokens().first?.issuedAt == Self.instant)

            // The parts apply in order: set, then advance.
            clock = try await control.changeClock(ClockChange(set: Self.instant, advance: .seconds(60)))
            #expect(clock.now == Self.instant.addingTimeInterval(60))
        }
    }

    @Test("freeze: the clock stays put across a sleep; unfreeze: it runs on from where it stood", arguments: ControlTransport.allCases)
    func freeze(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let frozen = try await control.freezeClock()
            #expect(frozen.frozen)
            try await Task.sleep(for: .milliseconds(50))
            let later = try await control.clock()
            #expect(later.frozen)
            #expect(later.now == frozen.now)
            #expect(try await control.status().clock.now == frozen.now)

            let advanced = try await control.advanceClock(by: .seconds(60))
            #expect(advanced.now == frozen.now.addingTimeInterval(60))
            #expect(advanced.frozen)

            let running = try await control.freezeClock(false)
            #expect(running.frozen == false)
            #expect(running.now >= advanced.now)
            try await Task.sleep(for: .milliseconds(50))
            #expect(try await control.clock().now > advanced.now)
        }
    }

    @Test("an 8 h advance expires an idle wice token: 401, reason \"token idle for 8h0m…\"", arguments: ControlTransport.allCases)
    func idleExpiry(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let token = try await stub.wiceLogin()
            let kept = try await stub.wiceLogin()
            try await control.advanceClock(by: .seconds(7 * 3600 + 59 * 60))
            #expect(try await stub.controlWiceLogout(kept).status == 204, "still valid at 7h59m")
            #expect(try await control.tokens().first?.state == .active)

            try await control.advanceClock(by: .seconds(60))
            #expect(try await control.tokens().first?.state == .expired)
            let refused = try await stub.controlWiceLogout(token)
            #expect(refused.status == 401)
            let reason = try #require(stub.lastEntry?.reason)
            #expect(reason.hasPrefix("token idle for 8h0m"), "\(reason)")
            #expect(reason.hasSuffix("(limit 8h)"), "\(reason)")
        }
    }

    @Test("an empty change is a 400", arguments: ControlTransport.allCases)
    func emptyChange(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let error = await #expect(throws: ControlError.self) { try await control.changeClock(ClockChange()) }
            #expect(error?.status == 400)
            #expect(error?.message.contains("advance") == true)
            #expect(try await control.clock().frozen == false)
        }
    }

    @Test("a set outside 1970…9999 is a 400 naming set", arguments: ControlTransport.allCases)
    func setOutOfRange(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let early = await #expect(throws: ControlError.self) {
                try await control.setClock(to: Date(timeIntervalSince1970: -86_400))
            }
            #expect(early?.status == 400)
            #expect(early?.field == "set")
            #expect(abs(try await control.clock().offset.controlSeconds) < 5)
        }
    }

    @Test(
        "an advance that takes the clock past 9999 or before 1970 is a 400 naming advance; the clock stays and still reads back",
        arguments: ControlTransport.allCases
    )
    func advanceOutOfRange(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let tenThousandYears = Duration.seconds(10_000 * 365 * 86_400)
            let future = await #expect(throws: ControlError.self) { try await control.advanceClock(by: tenThousandYears) }
            #expect(future?.status == 400)
            #expect(future?.field == "advance")
            let past = await #expect(throws: ControlError.self) { try await control.advanceClock(by: .seconds(-100 * 365 * 86_400)) }
            #expect(past?.status == 400)
            #expect(past?.field == "advance")
            let overflow = await #expect(throws: ControlError.self) { try await control.advanceClock(by: .seconds(Int64.max)) }
            #expect(overflow?.status == 400)
            let end = Date(timeIntervalSince1970: 253_402_300_799)  // 9999-12-31T23:59:59Z
            let pastEnd = await #expect(throws: ControlError.self) {
                try await control.changeClock(ClockChange(set: end, advance: .seconds(1), freeze: true))
            }
            #expect(pastEnd?.field == "advance")

            let clock = try await control.clock()
            #expect(abs(clock.offset.controlSeconds) < 5)
            #expect(clock.frozen == false, "a refused change applies none of its parts")
            #expect(try await control.status().clock.frozen == false)
            #expect(try await control.changeClock(ClockChange(set: end, freeze: true)).now == end)
        }
    }

    @Test(
        "a running clock stops at the end of 9999, in responses too; advance works from there, back only",
        arguments: ControlTransport.allCases
    )
    func runningStopsAtTheEnd(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let last = Date(timeIntervalSince1970: 253_402_300_799.999)  // 9999-12-31T23:59:59.999Z
            #expect(try await control.setClock(to: last).frozen == false)
            try await Task.sleep(for: .milliseconds(20))  // real time moves on; the clock may not

            #expect(try await control.clock().now == last)
            #expect(try await control.status().clock.now == last)
            let login = try await stub.send(
                "POST",
                "/auth/login",
                headers: [
                    "Authorization": "Basic " + Data("user:secret".utf8).base64EncodedString(), "Accept": "application/json",
                ]
            )
            #expect(login.status == 200)
            #expect(login.header("Date") == "Fri, 31 Dec 9999 23:59:59 GMT")
            #expect(login.json?["creationTime"] as? String == "9999-12-31T23:59:59+00:00")
            #expect(try await control.tokens().first?.issuedAt == last)

            let forward = await #expect(throws: ControlError.self) { try await control.advanceClock(by: .milliseconds(1)) }
            #expect(forward?.field == "advance")
            let back = try await control.advanceClock(by: .seconds(-86_400))
            #expect(back.now >= last.addingTimeInterval(-86_400))
            #expect(back.now < last)
        }
    }
}

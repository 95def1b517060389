import StubHTTP
import Testing

@testable import AuthStub

/// `FaultList`, the engine's index of faults: "first added, first tried" across exact-path,
/// glob and path-less faults, spent faults leaving for a bounded history, removal by id, and
/// the limits on live faults.
@Suite("Faults: the index")
struct FaultListTests {
    /// A request as faults see it.
    static func target(_ path: String, method: HTTPMethod = .post, token: String? = nil) -> FaultTarget {
        FaultTarget(method: method, path: path, token: token, matchedRoute: true, deprecatedRoute: false)
    }

    static let login = "/m2m/v1/auth/login"

    /// A text of `mebibytes` MiB of `x`.
    static func text(mebibytes: Int) -> String {
        String(decoding: [UInt8](repeating: UInt8(ascii: "x"), count: mebibytes * 1024 * 1024), as: UTF8.self)
    }

    /// Adds each fault, failing the test on a refusal.
    static func list(_ faults: [Fault]) throws -> FaultList {
        var list = FaultList()
        for fault in faults { _ = try list.add(FaultList.Addition(fault)) }
        return list
    }

    /// The refusal of an addition that should be refused; nil (and a recorded issue) when it is
    /// installed.
    static func refusal(adding addition: FaultList.Addition, to list: inout FaultList) -> ControlError? {
        do {
            let installed = try list.add(addition)
            Issue.record("installed \(installed.id)")
            return nil
        } catch {
            return error
        }
    }

    @Test("first added, first tried, across exact, glob and path-less faults: the first delay and the first answer that match")
    func order() throws {
        var list = try Self.list([
            Fault(.delay(.milliseconds(10)), match: FaultMatch(path: "/m2m/*"), times: 1),  // f1
            Fault(.status(500), match: FaultMatch(method: "GET", path: Self.login)),  // f2: another method
            Fault(.delay(.milliseconds(20)), match: FaultMatch(path: Self.login)),  // f3
            Fault(.status(503), match: FaultMatch(token: "other")),  // f4: another token
            Fault(.status(502), match: FaultMatch(path: Self.login), times: 1),  // f5
            Fault(.status(504)),  // f6: every request
            Fault(.drop, match: FaultMatch(path: "*")),  // f7
        ])
        var (delay, answer) = list.take(for: Self.target(Self.login))
        #expect(delay?.id == "f1")
        #expect(answer?.id == "f5")
        #expect(answer?.remaining == 0)
        #expect(answer?.applied == 1)

        (delay, answer) = list.take(for: Self.target(Self.login))
        #expect(delay?.id == "f3")
        #expect(answer?.id == "f6")

        (delay, answer) = list.take(for: Self.target("/v1/auth/login"))
        #expect(delay == nil)
        #expect(answer?.id == "f6")

        (delay, answer) = list.take(for: Self.target(Self.login, method: "GET"))
        #expect(delay?.id == "f3")
        #expect(answer?.id == "f2")

        (delay, answer) = list.take(for: Self.target(Self.login, token: "other"))
        #expect(answer?.id == "f4")

        #expect(list.listed.map(\.id) == ["f1", "f2", "f3", "f4", "f5", "f6", "f7"])
        #expect(list.listed.map(\.applied) == [1, 1, 3, 1, 1, 2, 0])
        #expect(list.listed.map(\.remaining) == [0, nil, nil, nil, 0, nil, nil])
    }

    @Test("a glob or path-less fault added between two exact-path faults is tried between them")
    func mergedByID() throws {
        var list = try Self.list([
            Fault(.status(501), match: FaultMatch(path: Self.login), times: 1),
            Fault(.status(502), match: FaultMatch(path: "/m2m/*/login"), times: 1),
            Fault(.status(503), match: FaultMatch(path: Self.login), times: 1),
            Fault(.status(504), times: 1),
            Fault(.status(505), match: FaultMatch(path: Self.login), times: 1),
        ])
        let answers = (1...6).map { _ in list.take(for: Self.target(Self.login)).answer?.id }
        #expect(answers == ["f1", "f2", "f3", "f4", "f5", nil])
        #expect(list.isEmpty)
    }

    @Test("spent faults leave the index at once; the history keeps the last 1,000, listed with remaining 0")
    func spentFaultsLeave() throws {
        var list = try Self.list([Fault(.status(500), match: FaultMatch(path: "/elsewhere"))])
        let spending = FaultHistory.limit + 500
        for _ in 0..<spending { _ = try list.add(FaultList.Addition(Fault(.status(503), match: FaultMatch(path: Self.login), times: 1))) }
        let answers = (0...spending).map { _ in list.take(for: Self.target(Self.login)).answer?.id }
        #expect(answers == (2...(spending + 1)).map { "f\($0)" } + [nil])
        #expect(list.count == 1 + FaultHistory.limit)
        #expect(list.history.count == FaultHistory.limit)
        let listed = list.listed
        #expect(listed.map(\.id) == ["f1"] + (spending + 2 - FaultHistory.limit...spending + 1).map { "f\($0)" })
        #expect(listed.dropFirst().allSatisfy { $0.remaining == 0 && $0.applied == 1 })
        #expect(list.fault(id: "f2") == nil)
        #expect(list.fault(id: "f\(spending + 1)")?.remaining == 0)
        #expect(!list.isEmpty)
        let removed = list.remove(id: "f1")
        #expect(removed)
        #expect(list.isEmpty)
    }

    @Test("removal by id: first, middle and last of a chain, a spent fault, and ids the server never wrote")
    func removal() throws {
        var list = try Self.list((0..<5).map { _ in Fault(.status(503), match: FaultMatch(path: Self.login), times: 1) })
        let first = list.take(for: Self.target(Self.login)).answer?.id
        #expect(first == "f1")
        let removals = ["f3", "f2", "f5", "f1", "f1", "f9", "f04", "F4", "f", "4", "", "f+4", "f-4"].map { list.remove(id: $0) }
        // f1 is spent, in the history; the rest after it are gone or were never ids.
        #expect(removals == [true, true, true, true] + Array(repeating: false, count: 9))
        #expect(list.listed.map(\.id) == ["f4"])
        let last = list.take(for: Self.target(Self.login)).answer?.id
        #expect(last == "f4")
        #expect(list.isEmpty)
        _ = try list.add(FaultList.Addition(Fault(.drop, match: FaultMatch(path: Self.login))))
        let next = list.take(for: Self.target(Self.login)).answer?.id
        #expect(next == "f6")
    }

    @Test("removeAll forgets live and spent faults; ids go on")
    func removeAll() throws {
        var list = try Self.list([Fault(.drop, times: 1), Fault(.reset)])
        _ = list.take(for: Self.target(Self.login))
        list.removeAll()
        #expect(list.listed.isEmpty)
        #expect(list.count == 0)
        let added = try list.add(FaultList.Addition(Fault(.drop)))
        #expect(added.id == "f3")
    }

    @Test("live faults hold at most 64 MiB: beyond that a 409; spent faults are forgotten to make room")
    func byteLimit() throws {
        var list = try Self.list([Fault(.status(503, body: .text(Self.text(mebibytes: 40))), times: 1)])
        let second = try FaultList.Addition(Fault(.status(503, body: .text(Self.text(mebibytes: 30)))))
        let refusal = Self.refusal(adding: second, to: &list)
        #expect(refusal?.status == 409)
        #expect(refusal?.message.contains("64 MiB") == true)
        let spent = list.take(for: Self.target(Self.login)).answer?.id
        #expect(spent == "f1")
        #expect(list.listed.map(\.id) == ["f1"])
        let added = try list.add(second)
        #expect(added.id == "f2")
        #expect(list.listed.map(\.id) == ["f2"])
    }

    @Test("at most 1,000,000 live faults by default (3 here): one more is a 409 naming the limit; a spent one makes room")
    func liveLimit() throws {
        #expect(FaultList().liveLimit == 1_000_000)
        var list = FaultList(liveLimit: 3)
        let addition = try FaultList.Addition(Fault(.drop, match: FaultMatch(path: "/elsewhere"), times: 1))
        for _ in 0..<list.liveLimit { _ = try list.add(addition) }
        let refusal = Self.refusal(adding: addition, to: &list)
        #expect(refusal?.status == 409)
        #expect(refusal?.message.contains("at most 3 faults") == true)
        let spent = list.take(for: Self.target("/elsewhere")).answer?.id
        #expect(spent == "f1")
        let added = try list.add(addition)
        #expect(added.id == "f4")
    }

    @Test("pages walk the order added from any listed id, past removed and spent faults, live and spent merged")
    func pages() throws {
        var list = try Self.list((1...40).map { Fault(.drop, match: FaultMatch(path: "/f\($0)"), times: $0.isMultiple(of: 5) ? 1 : nil) })
        for number in stride(from: 5, through: 40, by: 5) { _ = list.take(for: Self.target("/f\(number)")) }
        for number in 1...40 where number.isMultiple(of: 3) {
            let removed = list.remove(id: "f\(number)")
            #expect(removed)
        }
        let listed = (1...40).filter { !$0.isMultiple(of: 3) }.map { "f\($0)" }
        #expect(list.page(after: nil, limit: .max)?.map(\.id) == listed)
        #expect(list.page(after: "f10", limit: 3)?.map(\.id) == ["f11", "f13", "f14"], "after a spent fault")
        #expect(list.page(after: "f14", limit: 2)?.map(\.id) == ["f16", "f17"], "after a live fault")
        #expect(list.page(after: "f40", limit: 2)?.isEmpty == true)
        #expect(list.page(after: "f12", limit: 2) == nil, "a removed fault is not listed")
        #expect(list.page(after: "f41", limit: 2) == nil)
        #expect(list.page(after: "x", limit: 2) == nil)
    }
}

extension FaultList {
    /// Every fault listed, live and spent, in the order added.
    var listed: [InstalledFault] { page(after: nil, limit: .max) ?? [] }
}

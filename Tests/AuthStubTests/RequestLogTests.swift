import Dispatch
import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `Options.requestLog` runs off the request path: a callback that is slow or never returns
/// holds up no request, and what it cannot take is dropped and counted.
@Suite("Request log delivery")
struct RequestLogTests {
    /// Collects what the callback is given; can hold the callback until released.
    final class Recorder: @unchecked Sendable {
        private let entries = Locked<[JournalEntry]>([])
        private let gate: DispatchSemaphore?

        init(blocking: Bool) { gate = blocking ? DispatchSemaphore(value: 0) : nil }

        func record(_ entry: JournalEntry) {
            gate?.wait()
            entries.withLock { $0.append(entry) }
        }

        func release(_ count: Int) { for _ in 0..<count { gate?.signal() } }

        var received: [JournalEntry] { entries.withLock { $0 } }

        /// Waits up to 20 s for `count` entries.
        func waitFor(_ count: Int) async throws -> [JournalEntry] {
            let deadline = ContinuousClock.now + .seconds(20)
            while received.count < count && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            return received
        }
    }

    @Test("Entries reach the callback in the order the requests were answered")
    func inOrder() async throws {
        let recorder = Recorder(blocking: false)
        var options = AuthStubServer.Options()
        options.requestLog = { recorder.record($0) }
        try await withStub(options) { stub async throws in
            for index in 0..<20 { _ = try await stub.send("GET", "/nowhere-\(index)") }
            let received = try await recorder.waitFor(20)
            #expect(received.map(\.id) == Array(1...20))
            #expect(received.map(\.path) == (0..<20).map { "/nowhere-\($0)" })
            #expect(try await stub.status().requestLog == ServerStatus.RequestLogCounts(waiting: 0, dropped: 0))
        }
    }

    @Test("Once stop() returns, every request it answered has reached the callback, without waiting for the batch")
    func settledByStop() async throws {
        let recorder = Recorder(blocking: false)
        var options = AuthStubServer.Options()
        options.requestLog = { recorder.record($0) }
        let stub = try AuthStubServer(options: options)
        try await stub.start()
        for index in 0..<5 { _ = try await stub.send("GET", "/nowhere-\(index)") }
        await stub.stop()
        #expect(recorder.received.map(\.path) == (0..<5).map { "/nowhere-\($0)" })
    }

    @Test("A callback that never returns holds up no request; past 1,000 waiting, entries are dropped and counted")
    func blockedCallback() async throws {
        let recorder = Recorder(blocking: true)
        var options = AuthStubServer.Options()
        options.requestLog = { recorder.record($0) }
        try await withStub(options) { stub async throws in
            let session = makeTestSession()
            let url = try #require(URL(string: stub.baseURL.absoluteString + "/nowhere"))
            for _ in 0..<1_100 {
                let (_, response) = try await session.data(from: url)
                #expect((response as? HTTPURLResponse)?.statusCode == 404)
            }
            #expect(try await stub.status().requestLog == ServerStatus.RequestLogCounts(waiting: 1_000, dropped: 100))
            #expect(stub.journal.count == 1_100, "the journal keeps what the log dropped")

            recorder.release(1_100)
            let received = try await recorder.waitFor(1_000)
            #expect(received.map(\.id) == Array(1...1_000))
            #expect(try await stub.status().requestLog == ServerStatus.RequestLogCounts(waiting: 0, dropped: 100))
        }
    }
}

public import Foundation
import StubHTTP
import Synchronization

extension AuthStubServer {
    /// The server clock's current time: real time plus any advance, or where it was frozen.
    public var now: Date {
        Date(timeIntervalSince1970: Double(engine.now()) / 1000)
    }

    /// Whether the server clock is frozen.
    public var isClockFrozen: Bool {
        engine.state.withLock { $0.clock.isFrozen }
    }

    /// Moves the server clock forward (a negative duration moves it back). Token idle
    /// timeouts, `expirationTime`s, sunset dates and response times all follow it.
    public func advanceClock(by duration: Duration) {
        let milliseconds = duration.saturatedMilliseconds
        engine.state.withLock { $0.clock.advance(by: milliseconds) }
    }

    /// Sets the server clock to `date` (it keeps running unless frozen).
    public func setClock(to date: Date) {
        let real = wallClockMilliseconds()
        let instant = Int64((date.timeIntervalSince1970 * 1000).rounded())
        engine.state.withLock { $0.clock.set(to: instant, real: real) }
    }

    /// Stops the server clock where it stands (`true`) or lets it run on from there (`false`).
    public func freezeClock(_ frozen: Bool = true) {
        let real = wallClockMilliseconds()
        engine.state.withLock { $0.clock.setFrozen(frozen, real: real) }
    }
}

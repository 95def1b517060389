/// A server's forwarders, one per upstream, made at the first forward to it, and the cap on
/// forwards in flight at once.
final class Forwarders: Sendable {
    /// Forwards one server runs at once at most; past it a request gets a 503.
    static let inFlightLimit = 64
    /// Upstreams one server keeps forwarders for at most (a fixture reload may name new ones);
    /// past it, the least recently made is dropped.
    static let upstreamLimit = 64

    private struct State {
        var forwarders: [(upstream: UpstreamTarget, forwarder: Forwarder)] = []
        var inFlight = 0
    }

    private let state = Locked(State())
    private let timeout: Duration
    private let responseLimit: Int

    /// Forwarders whose exchanges take at most `timeout` and `responseLimit` bytes of body.
    init(timeout: Duration, responseLimit: Int) {
        self.timeout = timeout
        self.responseLimit = responseLimit
    }

    /// The forwarder for `upstream`, counted in flight until `finish()`; nil when
    /// `inFlightLimit` forwards are running already.
    func begin(_ upstream: UpstreamTarget) -> Forwarder? {
        state.withLock { state in
            guard state.inFlight < Self.inFlightLimit else { return nil }
            state.inFlight += 1
            if let known = state.forwarders.first(where: { $0.upstream == upstream }) { return known.forwarder }
            let made = Forwarder(upstream: upstream, timeout: timeout, responseLimit: responseLimit)
            if state.forwarders.count >= Self.upstreamLimit { state.forwarders.removeFirst() }
            state.forwarders.append((upstream, made))
            return made
        }
    }

    /// Ends one forward `begin` counted.
    func finish() {
        state.withLock { $0.inFlight = max(0, $0.inFlight - 1) }
    }
}

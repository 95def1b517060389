/// The server's "now": real time plus an offset, which tests can advance, set or freeze.
/// Every token expiry and every time in a response or journal entry reads it.
///
/// One rule bounds it everywhere it can move: it shows only `instants`, 1970 to the end of
/// 9999, the years an RFC 3339 timestamp and an HTTP date can hold. `set` and `advance` refuse
/// to leave them; a running clock that reaches the end stays there until it is set or moved
/// back.
struct VirtualClock: Sendable {
    /// From 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z, in milliseconds.
    static let instants: ClosedRange<Int64> = 0...253_402_300_799_999

    /// Added to real time while the clock runs.
    private(set) var offsetMilliseconds: Int64 = 0
    /// The stopped time while frozen.
    private(set) var frozenAt: Int64?

    var isFrozen: Bool { frozenAt != nil }

    /// Now on this clock, given real time: never outside `instants`.
    func now(real: Int64) -> Int64 {
        let (running, overflow) = real.addingReportingOverflow(offsetMilliseconds)
        let unbounded = frozenAt ?? (overflow ? (offsetMilliseconds < 0 ? Int64.min : Int64.max) : running)
        return min(max(unbounded, Self.instants.lowerBound), Self.instants.upperBound)
    }

    /// Moves the clock forward (or back, with a negative amount) from the instant it shows.
    /// - Returns: false, leaving the clock as it was, when that would leave `instants`.
    mutating func advance(by milliseconds: Int64, real: Int64) -> Bool {
        let (target, overflow) = now(real: real).addingReportingOverflow(milliseconds)
        guard !overflow, Self.instants.contains(target) else { return false }
        set(to: target, real: real)
        return true
    }

    /// Makes now equal `instant`, which must lie in `instants`.
    mutating func set(to instant: Int64, real: Int64) {
        if frozenAt != nil {
            frozenAt = instant
        } else {
            offsetMilliseconds = instant &- real
        }
    }

    /// Stops the clock at the current instant, or lets it run on from where it stands.
    mutating func setFrozen(_ frozen: Bool, real: Int64) {
        if frozen, frozenAt == nil {
            frozenAt = now(real: real)
        } else if !frozen, let stopped = frozenAt {
            offsetMilliseconds = stopped &- real
            frozenAt = nil
        }
    }
}

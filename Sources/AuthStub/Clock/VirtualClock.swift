/// The server's "now": real time plus an offset, which tests can advance, set or freeze.
/// Every token expiry and every time in a response or journal entry reads it.
struct VirtualClock: Sendable {
    /// Added to real time while the clock runs.
    private(set) var offsetMilliseconds: Int64 = 0
    /// The stopped time while frozen.
    private(set) var frozenAt: Int64?

    var isFrozen: Bool { frozenAt != nil }

    /// Now on this clock, given real time.
    func now(real: Int64) -> Int64 { frozenAt ?? real &+ offsetMilliseconds }

    /// Moves the clock forward (or back, with a negative amount).
    mutating func advance(by milliseconds: Int64) {
        if let frozen = frozenAt {
            frozenAt = frozen &+ milliseconds
        } else {
            offsetMilliseconds = offsetMilliseconds &+ milliseconds
        }
    }

    /// Makes now equal `instant`.
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

public import Foundation

/// The server clock: its time now, and how it relates to real time.
public struct ClockStatus: Sendable, Equatable {
    /// The server's "now".
    public var now: Date
    /// Whether it is stopped.
    public var frozen: Bool
    /// How far it runs ahead of real time (negative: behind). While frozen, the offset it had
    /// when it was last running.
    public var offset: Duration

    /// The clock at `now`, `frozen` or running, `offset` from real time.
    public init(now: Date, frozen: Bool, offset: Duration) {
        self.now = now
        self.frozen = frozen
        self.offset = offset
    }
}

/// A change to the server clock. Its parts apply in this order: `set`, `advance`, `freeze`.
public struct ClockChange: Sendable, Equatable {
    /// Make "now" this instant.
    public var set: Date?
    /// Move the clock forward (negative: back).
    public var advance: Duration?
    /// Stop the clock (`true`) or let it run on from where it stands (`false`).
    public var freeze: Bool?

    /// A change; every part left nil stays as it is.
    public init(set: Date? = nil, advance: Duration? = nil, freeze: Bool? = nil) {
        self.set = set
        self.advance = advance
        self.freeze = freeze
    }
}

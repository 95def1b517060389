package import Foundation
import StubHTTP

/// What `authstub record` has seen so far: every exchange forwarded upstream, in arrival order,
/// held in memory as sent until it is written as fixtures (`save()`, to its `destination`).
/// Bounded: past `maximumBytes` (or `maximumExchanges`) it keeps nothing more, counts what it
/// refused, and says so once through `onFull`; the proxy goes on answering.
package final class Recording: Sendable {
    /// Where `save()` writes the recording, and how.
    package struct Destination: Sendable, Equatable {
        /// The folder the service folder goes into (`--out`).
        package var folder: URL
        /// The service's name and what to scrub or keep.
        package var options: RecordingOptions

        /// A destination `folder`/`options.service`.
        package init(folder: URL, options: RecordingOptions) {
            self.folder = folder
            self.options = options
        }

        /// The service folder a save writes: `folder`/`options.service`.
        package var serviceFolder: URL { folder.appendingPathComponent(options.service, isDirectory: true) }
    }

    /// How much a recording holds at most.
    package struct Limits: Sendable, Equatable {
        /// Bytes of exchanges kept (`ProxiedExchange.byteCount`): 64 MiB by default.
        package var maximumBytes = 64 * 1024 * 1024
        /// Exchanges kept: 10,000 by default.
        package var maximumExchanges = 10_000

        /// The defaults.
        package init() {}
    }

    /// What the recording holds now.
    package struct Status: Sendable, Equatable {
        /// Exchanges kept.
        package var exchanges: Int
        /// Their bytes.
        package var bytes: Int
        /// Exchanges refused because the recording was full.
        package var refused: Int
        /// The limits.
        package var limits: Limits
    }

    private struct State {
        var exchanges: [ProxiedExchange] = []
        var bytes = 0
        var refused = 0
    }

    /// The limits it keeps to.
    package let limits: Limits
    /// Where `save()` writes; nil: nowhere (a recording read by its `exchanges` alone).
    package let destination: Destination?
    private let state = Locked(State())
    /// Held while a save writes, so that a control call and a stopping signal never write the
    /// same folder at once.
    private let saving = Locked(())
    private let onFull: @Sendable (String) -> Void

    /// An empty recording that `save()` writes to `destination`; `onFull` is told once, in a
    /// sentence, when the first exchange is refused.
    package init(limits: Limits = Limits(), destination: Destination? = nil, onFull: @escaping @Sendable (String) -> Void = { _ in }) {
        self.limits = limits
        self.destination = destination
        self.onFull = onFull
    }

    /// Keeps `exchange`; false when the recording is full and refused it.
    @discardableResult
    package func record(_ exchange: ProxiedExchange) -> Bool {
        let size = exchange.byteCount
        let refusedFirst: Bool? = state.withLock { state in
            let (total, overflow) = state.bytes.addingReportingOverflow(size)
            if overflow || total > limits.maximumBytes || state.exchanges.count >= limits.maximumExchanges {
                state.refused += 1
                return state.refused == 1
            }
            state.exchanges.append(exchange)
            state.bytes = total
            return nil
        }
        guard let refusedFirst else { return true }
        if refusedFirst {
            onFull(
                "the recording is full (\(limits.maximumExchanges) exchanges or \(limits.maximumBytes) bytes); "
                    + "later requests are still forwarded but not recorded: save it and start again to record more"
            )
        }
        return false
    }

    /// The exchanges kept so far, oldest first.
    package var exchanges: [ProxiedExchange] { state.withLock { $0.exchanges } }

    /// What it holds now.
    package var status: Status {
        state.withLock { Status(exchanges: $0.exchanges.count, bytes: $0.bytes, refused: $0.refused, limits: limits) }
    }

    /// Writes what it holds now to its destination as a fixture folder (`RecordingWriter`);
    /// saving again later replaces that folder with the longer recording.
    /// - Throws: `RecordingWriteError` when it has no destination, holds nothing yet, or the
    ///   folder cannot be written.
    package func save() throws(RecordingWriteError) -> RecordingReport {
        guard let destination else { throw RecordingWriteError("this recording has no folder to be written to") }
        let (exchanges, refused) = state.withLock { ($0.exchanges, $0.refused) }
        return try saving.withLock { _ throws(RecordingWriteError) in
            try RecordingWriter.write(exchanges, refused: refused, to: destination.folder, options: destination.options)
        }
    }
}

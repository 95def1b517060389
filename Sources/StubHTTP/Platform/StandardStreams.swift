// Writing to standard output and standard error, which belong to whoever started the process:
// a terminal, a file, a pipe read slowly or never, a pipe whose reader has gone, or nothing at
// all. See System.swift on Darwin.
//
// The Darwin branches cannot be compiled on the Linux machines this package is developed on.
// They follow Apple's fcntl(2): `F_SETNOSIGPIPE` marks a descriptor so that a write to a pipe
// or socket with no reader fails with EPIPE instead of raising SIGPIPE. Linux has no such flag
// for pipes, so there SIGPIPE is blocked in the writing thread for the length of the write and
// a SIGPIPE the write raised is taken back before the mask is restored.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a write to a standard stream ended.
package enum StreamWriteOutcome: Equatable, Sendable {
    /// Every byte was written.
    case written
    /// The reader did not make room within the patience given; some bytes may have been written.
    case gaveUp
    /// The stream cannot be written any more (no reader, closed descriptor, full disk): the
    /// error says why. Later writes will fail the same way.
    case closed(SystemError)
}

/// Writes `bytes` to `fd` without ever raising SIGPIPE and without changing the descriptor's
/// flags (a terminal's or pipe's file description is shared with the process that started this
/// one, so it is never made non-blocking). With a `patience`, waits for the reader at most that
/// long in all; with nil, as long as the reader takes.
package func writeToStream(_ fd: FileDescriptor, _ bytes: [UInt8], patience: Duration?) -> StreamWriteOutcome {
    let deadline = patience.map { ContinuousClock.now + $0 }
    return bytes.withUnsafeBytes { buffer in
        withoutBrokenPipeSignal(fd) {
            var offset = 0
            while offset < buffer.count {
                if deadline != nil, !waitUntilWritable(fd, deadline: deadline) { return .gaveUp }
                // With a deadline, at most an atomic pipe write at a time, so that the write
                // itself never waits for room that `poll` did not promise.
                let remaining = buffer.count - offset
                let chunk = deadline == nil ? remaining : min(remaining, Int(PIPE_BUF))
                guard let base = buffer.baseAddress else { return .written }
                let (count, code) = retryingInterrupts { write(fd, base + offset, chunk) }
                if count < 0 {
                    // Someone else made the descriptor non-blocking: wait for room as `poll` says.
                    guard isWouldBlock(code) else { return .closed(SystemError("write", errno: code)) }
                    if !waitUntilWritable(fd, deadline: deadline) { return .gaveUp }
                    continue
                }
                offset += count
            }
            return .written
        }
    }
}

/// Waits until `fd` can take a write without blocking, or `deadline` passes (false then; nil
/// waits for as long as it takes). A descriptor in error is reported writable: the write that
/// follows says what is wrong.
private func waitUntilWritable(_ fd: FileDescriptor, deadline: ContinuousClock.Instant?) -> Bool {
    while true {
        var milliseconds: Int32 = -1
        if let deadline {
            let left = deadline - ContinuousClock.now
            let (seconds, attoseconds) = left.components
            // Capped at about 24 days, poll's limit; the loop waits again for what is left.
            let cappedSeconds = min(max(seconds, 0), Int64(Int32.max / 1000) - 1)
            milliseconds = left <= .zero ? 0 : Int32(cappedSeconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
        }
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&entry, 1, milliseconds)
        if ready > 0 { return true }
        if ready < 0 && errno == EINTR { continue }
        if ready < 0 { return true }
        if let deadline, ContinuousClock.now >= deadline { return false }
    }
}

/// Runs `body`, which writes to `fd`, so that a reader that has gone makes it fail with EPIPE
/// instead of raising SIGPIPE (whose default action ends the process).
private func withoutBrokenPipeSignal(_ fd: FileDescriptor, _ body: () -> StreamWriteOutcome) -> StreamWriteOutcome {
    #if canImport(Darwin)
    _ = fcntl(fd, F_SETNOSIGPIPE, 1)
    return body()
    #else
    var brokenPipe = sigset_t()
    sigemptyset(&brokenPipe)
    sigaddset(&brokenPipe, SIGPIPE)
    var previousMask = sigset_t()
    pthread_sigmask(SIG_BLOCK, &brokenPipe, &previousMask)
    defer { pthread_sigmask(SIG_SETMASK, &previousMask, nil) }
    // A SIGPIPE already pending belongs to someone else's write and is left alone.
    var pending = sigset_t()
    sigpending(&pending)
    let alreadyPending = sigismember(&pending, SIGPIPE) == 1
    let outcome = body()
    if case .closed(let error) = outcome, error.errno == EPIPE, !alreadyPending {
        sigpending(&pending)
        if sigismember(&pending, SIGPIPE) == 1 {
            var taken: Int32 = 0
            _ = sigwait(&brokenPipe, &taken)
        }
    }
    return outcome
    #endif
}

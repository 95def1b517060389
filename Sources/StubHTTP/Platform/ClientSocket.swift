// A blocking TCP client for tests and the benchmark, so that they never import a C library
// themselves. See System.swift on Darwin.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain blocking TCP connection: connect, send raw bytes, read with a deadline. It never
/// raises SIGPIPE. Not thread-safe; one test uses one socket.
package final class ClientSocket {
    private var fd: FileDescriptor

    /// Connects to `host:port` (IPv4 or IPv6 literal, or `localhost`). With a `timeout`, gives
    /// up with `ETIMEDOUT` when the connection is not made in that time.
    package init(host: String = "127.0.0.1", port: Int, timeout: Duration? = nil) throws(SystemError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamType
        hints.ai_flags = AI_NUMERICSERV
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let first = found else {
            throw SystemError(call: "getaddrinfo", errno: EINVAL, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(found) }
        let fd = socket(first.pointee.ai_family, streamType, 0)
        guard fd >= 0 else { throw SystemError("socket", errno: errno) }
        #if canImport(Darwin)
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var noDelay: Int32 = 1
        _ = setsockopt(fd, tcpProtocol, TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        do throws(SystemError) {
            try Self.connect(fd, to: first.pointee, timeout: timeout)
        } catch {
            closeDescriptor(fd)
            throw error
        }
        self.fd = fd
    }

    /// Connects `fd` to `address`. With a `timeout`, the connect runs non-blocking and `poll`
    /// waits for it; the descriptor is blocking again afterwards.
    private static func connect(_ fd: FileDescriptor, to address: addrinfo, timeout: Duration?) throws(SystemError) {
        guard let timeout else {
            let (result, code) = retryingInterrupts { systemConnect(fd, address.ai_addr, address.ai_addrlen) }
            if result != 0 { throw SystemError("connect", errno: code) }
            return
        }
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { throw SystemError("fcntl", errno: errno) }
        // After EINTR the connect goes on in the background, and a second call says EALREADY.
        let (result, code) = retryingInterrupts { systemConnect(fd, address.ai_addr, address.ai_addrlen) }
        if result != 0 {
            guard code == EINPROGRESS || code == EALREADY else { throw SystemError("connect", errno: code) }
            var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let (ready, pollCode) = retryingInterrupts { poll(&entry, 1, milliseconds(timeout)) }
            if ready < 0 { throw SystemError("poll", errno: pollCode) }
            if ready == 0 { throw SystemError("connect", errno: ETIMEDOUT) }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 else { throw SystemError("getsockopt", errno: errno) }
            if failure != 0 { throw SystemError("connect", errno: failure) }
        }
        guard fcntl(fd, F_SETFL, flags) == 0 else { throw SystemError("fcntl", errno: errno) }
    }

    /// `duration` in whole milliseconds for `poll`, from 0 to `Int32.max`.
    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        guard seconds < Int64(Int32.max / 1000) else { return Int32.max }
        return Int32(max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    }

    deinit { close() }

    /// Sends every byte, blocking as needed.
    package func send(_ bytes: [UInt8]) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let start = offset
            let (count, code) = bytes.withUnsafeBytes { buffer in
                retryingInterrupts { systemSend(fd, buffer.baseAddress.map { $0 + start }, bytes.count - start, sendFlags) }
            }
            if count < 0 { throw SystemError("send", errno: code) }
            offset += count
        }
    }

    /// Sends the UTF-8 bytes of `text`.
    package func send(_ text: String) throws(SystemError) { try send(Array(text.utf8)) }

    /// Reads what arrives within `timeout`: at least one byte, or `[]` at end-of-file.
    /// Throws `ETIMEDOUT` when nothing arrives in time.
    package func receive(maxBytes: Int = 64 * 1024, timeout: Duration = .seconds(5)) throws(SystemError) -> [UInt8] {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let (ready, code) = retryingInterrupts { poll(&entry, 1, Self.milliseconds(timeout)) }
        if ready < 0 { throw SystemError("poll", errno: code) }
        if ready == 0 { throw SystemError("receive", errno: ETIMEDOUT) }
        acknowledgeQuickly(fd)
        var buffer = [UInt8](repeating: 0, count: max(1, maxBytes))
        let capacity = buffer.count
        let (count, readCode) = buffer.withUnsafeMutableBytes { raw in
            retryingInterrupts { recv(fd, raw.baseAddress, capacity, 0) }
        }
        if count < 0 { throw SystemError("recv", errno: readCode) }
        return Array(buffer[0..<count])
    }

    /// Reads until the server closes the connection or `timeout` passes; returns what arrived
    /// and whether the connection was closed (false: still open at the deadline).
    /// A reset counts as closed.
    package func receiveUntilClosed(timeout: Duration = .seconds(5)) -> (bytes: [UInt8], closed: Bool) {
        let deadline = ContinuousClock.now + timeout
        var all: [UInt8] = []
        while true {
            let left = deadline - .now
            if left <= .zero { return (all, false) }
            do {
                let chunk = try receive(timeout: left)
                if chunk.isEmpty { return (all, true) }
                all += chunk
            } catch {
                return (all, error.errno != ETIMEDOUT)
            }
        }
    }

    /// Whether the last failure was a connection reset.
    package static func isReset(_ error: SystemError) -> Bool { error.errno == ECONNRESET }

    /// Whether the last failure was a connect or receive that ran out of time.
    package static func isTimeout(_ error: SystemError) -> Bool { error.errno == ETIMEDOUT }

    /// Shuts down the write side (the server reads end-of-file).
    package func shutdownWrite() { _ = shutdown(fd, writeSide) }

    /// Closes with a TCP reset.
    package func reset() {
        guard fd >= 0 else { return }
        Socket.resetAndClose(fd)
        fd = -1
    }

    /// Closes normally. Safe to call twice.
    package func close() {
        guard fd >= 0 else { return }
        closeDescriptor(fd)
        fd = -1
    }
}

@inline(__always) private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}

@inline(__always) private func systemSend(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    send(fd, buffer, count, flags)
}

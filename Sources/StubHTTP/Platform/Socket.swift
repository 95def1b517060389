// TCP sockets: listen, accept, read, send, shutdown and reset. See System.swift on Darwin.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Socket operations for the HTTP layer. Every descriptor it returns is non-blocking,
/// close-on-exec, and can never raise SIGPIPE.
package enum Socket {
    /// A listening socket and the port it really bound (useful when port 0 was asked for).
    package struct Listener {
        package let fd: FileDescriptor
        package let port: Int
    }

    /// Binds and listens on `host:port`. `host` is an IPv4 or IPv6 literal or a name the
    /// resolver knows (`localhost`); port 0 picks an ephemeral port.
    package static func listen(host: String, port: Int, backlog: Int32) throws(SystemError) -> Listener {
        try bind(host: host, port: port, listeningWith: backlog)
    }

    /// Binds `host:port` without listening: the port is taken, and a connection to it is
    /// refused. Tests use it for a port that certainly has no server (a port freed by a stopped
    /// server may be taken again by another test at any moment).
    package static func bindWithoutListening(host: String, port: Int) throws(SystemError) -> Listener {
        try bind(host: host, port: port, listeningWith: nil)
    }

    private static func bind(host: String, port: Int, listeningWith backlog: Int32?) throws(SystemError) -> Listener {
        guard (0...65_535).contains(port) else { throw SystemError("port \(port)", errno: EINVAL) }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamType
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let first = found else {
            let text = String(cString: gai_strerror(status))
            throw SystemError(call: "getaddrinfo", errno: EINVAL, reason: text)
        }
        defer { freeaddrinfo(found) }

        let fd = socket(first.pointee.ai_family, streamType, 0)
        guard fd >= 0 else { throw SystemError("socket", errno: errno) }
        do throws(SystemError) {
            try makeNonBlockingAndCloseOnExec(fd, call: "socket")
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1, call: "setsockopt(SO_REUSEADDR)")
            #if canImport(Darwin)
            try setOption(fd, SOL_SOCKET, SO_NOSIGPIPE, 1, call: "setsockopt(SO_NOSIGPIPE)")
            #endif
            if first.pointee.ai_family == AF_INET6 {
                // Bind exactly the address asked for: "::1" must not also take 127.0.0.1.
                try setOption(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 1, call: "setsockopt(IPV6_V6ONLY)")
            }
            if systemBind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) != 0 {
                throw SystemError("bind", errno: errno)
            }
            if let backlog, systemListen(fd, backlog) != 0 { throw SystemError("listen", errno: errno) }
            return Listener(fd: fd, port: try boundPort(fd))
        } catch {
            closeDescriptor(fd)
            throw error
        }
    }

    /// The result of one `accept`.
    package enum AcceptResult {
        case accepted(FileDescriptor, peer: String)
        case wouldBlock
        case failed(SystemError)
    }

    /// Accepts one pending connection, already set up for the HTTP layer (non-blocking,
    /// close-on-exec, `TCP_NODELAY`, no SIGPIPE).
    package static func accept(_ listener: FileDescriptor) -> AcceptResult {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let (fd, code) = retryingInterrupts {
            withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemAccept(listener, $0, &length) }
            }
        }
        if fd == -1 {
            return isWouldBlock(code) || code == ECONNABORTED ? .wouldBlock : .failed(SystemError("accept", errno: code))
        }
        do throws(SystemError) {
            try makeNonBlockingAndCloseOnExec(fd, call: "accept")
            try setOption(fd, tcpProtocol, TCP_NODELAY, 1, call: "setsockopt(TCP_NODELAY)")
            #if canImport(Darwin)
            try setOption(fd, SOL_SOCKET, SO_NOSIGPIPE, 1, call: "setsockopt(SO_NOSIGPIPE)")
            #endif
        } catch {
            closeDescriptor(fd)
            return .failed(error)
        }
        return .accepted(fd, peer: describe(&storage))
    }

    /// Reads what is available into `buffer`.
    package static func read(_ fd: FileDescriptor, into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        let (count, code) = retryingInterrupts { systemRead(fd, buffer.baseAddress, buffer.count) }
        if count > 0 { return .transferred(count) }
        if count == 0 { return .endOfFile }
        return isWouldBlock(code) ? .wouldBlock : .failed(SystemError("read", errno: code))
    }

    /// Sends as much of `bytes` as the kernel takes now, never raising SIGPIPE.
    package static func send(_ fd: FileDescriptor, _ bytes: UnsafeRawBufferPointer) -> IOResult {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return .transferred(0) }
        let (count, code) = retryingInterrupts { systemSend(fd, base, bytes.count, sendFlags) }
        if count >= 0 { return .transferred(count) }
        return isWouldBlock(code) ? .wouldBlock : .failed(SystemError("send", errno: code))
    }

    /// Shuts down the write side: the peer reads end-of-file once it has read everything sent.
    package static func shutdownWriting(_ fd: FileDescriptor) {
        _ = shutdown(fd, writeSide)
    }

    /// Closes the connection with a TCP reset instead of an orderly close (`SO_LINGER` 0).
    package static func resetAndClose(_ fd: FileDescriptor) {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        closeDescriptor(fd)
    }

    private static func setOption(_ fd: FileDescriptor, _ level: Int32, _ name: Int32, _ value: Int32, call: String) throws(SystemError) {
        var value = value
        if setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) != 0 {
            throw SystemError(call, errno: errno)
        }
    }

    private static func boundPort(_ fd: FileDescriptor) throws(SystemError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        if status != 0 { throw SystemError("getsockname", errno: errno) }
        return address(&storage).port
    }

    /// `127.0.0.1:5000` or `[::1]:5000`.
    private static func describe(_ storage: inout sockaddr_storage) -> String {
        let (host, port) = address(&storage)
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private static func address(_ storage: inout sockaddr_storage) -> (host: String, port: Int) {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                    var address = v4.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
                    return (cString(text), Int(UInt16(bigEndian: v4.pointee.sin_port)))
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                    var address = v6.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
                    return (cString(text), Int(UInt16(bigEndian: v6.pointee.sin6_port)))
                }
            }
        default:
            return ("unknown", 0)
        }
    }

    private static func cString(_ text: [CChar]) -> String {
        let bytes = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

// The libc functions that Socket's own methods shadow by name.
@inline(__always) private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 { listen(fd, backlog) }
@inline(__always) private func systemBind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    bind(fd, address, length)
}
@inline(__always) private func systemAccept(
    _ fd: Int32,
    _ address: UnsafeMutablePointer<sockaddr>,
    _ length: UnsafeMutablePointer<socklen_t>
) -> Int32 { accept(fd, address, length) }
@inline(__always) private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
@inline(__always) private func systemSend(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    send(fd, buffer, count, flags)
}

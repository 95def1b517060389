// The only folder of AuthStub that imports a C library. Everything outside `Platform/` calls the
// wrappers declared here, which have the same shape on Glibc and Darwin.
//
// The Darwin branches cannot be compiled on the Linux machines this package is developed on.
// They were written against Apple's headers with care (types differ: `SOCK_STREAM` is an `Int32`
// there, `nfds_t` is 32 bits, there is no `MSG_NOSIGNAL` and `SO_NOSIGPIPE` is set per socket
// instead); any fix for macOS belongs in this folder and nowhere else.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#else
#error("AuthStub's HTTP layer supports Glibc (Linux) and Darwin (macOS) only")
#endif

// Constants whose types differ between the two C libraries.
#if canImport(Glibc)
let streamType = Int32(SOCK_STREAM.rawValue)
let sendFlags = Int32(MSG_NOSIGNAL)
let writeSide = Int32(SHUT_WR)
let tcpProtocol = Int32(IPPROTO_TCP)
#elseif canImport(Darwin)
let streamType = SOCK_STREAM
/// Darwin has no MSG_NOSIGNAL: SO_NOSIGPIPE is set on every socket instead.
let sendFlags: Int32 = 0
let writeSide = SHUT_WR
let tcpProtocol = IPPROTO_TCP
#endif

/// Fills `words` from the system's cryptographic generator in one call (`getrandom` on Linux,
/// `arc4random_buf` on Darwin), where `SystemRandomNumberGenerator` asks once a word.
package func fillRandomly(_ words: inout [UInt64]) {
    words.withUnsafeMutableBytes { bytes in
        guard let base = bytes.baseAddress else { return }
        #if canImport(Glibc)
        var filled = 0
        if let getrandom = systemGetrandom {
            while filled < bytes.count {
                let got = getrandom(base + filled, bytes.count - filled, 0)
                if got > 0 {
                    filled += got
                } else if got == 0 || errno != EINTR {
                    break  // never seen; the fallback below finishes, so this cannot spin
                }
            }
        }
        // Without `getrandom` (not expected: Linux 3.17, glibc 2.25), the standard library's.
        var fallback = SystemRandomNumberGenerator()
        for index in filled..<bytes.count { bytes[index] = fallback.next() }
        #else
        arc4random_buf(base, bytes.count)
        #endif
    }
}

#if canImport(Glibc)
/// glibc's `pthread_setname_np`, which the Glibc module does not export (a GNU extension).
private let systemSetThreadName = glibcFunction("pthread_setname_np", as: (@convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32).self)

/// glibc's `getrandom`, which the Glibc module does not export (it is in <sys/random.h>).
private let systemGetrandom = glibcFunction("getrandom", as: (@convention(c) (UnsafeMutableRawPointer?, Int, UInt32) -> Int).self)

/// A function of the C library found by name, for those the Glibc module does not export; nil
/// when this glibc has none. `type` must be the function's C signature.
package func glibcFunction<Function>(_ name: String, as type: Function.Type) -> Function? {
    dlsym(nil, name).map { unsafeBitCast($0, to: type) }
}
#endif

/// Names the calling thread what `gdb`, `perf` and `top -H` show (and `Thread.current.name`
/// reads). Foundation's `Thread.name` setter is no help on Linux: it names the system thread only
/// once its creator has stored the thread's handle, so a thread naming itself as it starts can
/// lose the race, and a name given before `start()` is dropped. Linux keeps at most 15 bytes and
/// refuses a longer name whole, so the name is cut to 15 bytes here (at a character boundary).
package func nameCurrentThread(_ name: String) {
    var bytes = Array(name.utf8.prefix(15))
    while !bytes.isEmpty, String(validating: bytes, as: UTF8.self) == nil { bytes.removeLast() }
    bytes.append(0)
    bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { text in
            guard let start = text.baseAddress else { return }
            #if canImport(Glibc)
            _ = systemSetThreadName?(pthread_self(), start)
            #elseif canImport(Darwin)
            // Darwin's takes only the name, for the calling thread.
            _ = pthread_setname_np(start)
            #endif
        }
    }
}

/// Asks Linux to acknowledge what arrives on `fd` at once rather than up to 40 ms later
/// (`TCP_QUICKACK`, which the kernel clears again by itself, so it is asked before every read).
/// A peer that writes a response in two pieces without `TCP_NODELAY` (Python's `http.server`
/// writes the head, then the body) holds the second piece until the first is acknowledged, so a
/// client on a kept-alive connection would wait out the delayed acknowledgement on every answer.
/// Darwin has no such option; there it does nothing.
func acknowledgeQuickly(_ fd: FileDescriptor) {
    #if canImport(Glibc)
    var one: Int32 = 1
    _ = setsockopt(fd, tcpProtocol, Int32(TCP_QUICKACK), &one, socklen_t(MemoryLayout<Int32>.size))
    #endif
}

/// A failed system call: the call's name, `errno`, and the operating system's text for it.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system call that failed, e.g. `bind`.
    public let call: String
    /// The `errno` value it left.
    public let errno: Int32
    /// The operating system's description of `errno`, e.g. `Address already in use`.
    public let reason: String

    init(_ call: String, errno code: Int32) {
        self.call = call
        self.errno = code
        self.reason = String(cString: strerror(code))
    }

    init(call: String, errno code: Int32, reason: String) {
        self.call = call
        self.errno = code
        self.reason = reason
    }

    /// `call: reason (errno N)`, e.g. `bind: Address already in use (errno 98)`.
    public var description: String { "\(call): \(reason) (errno \(errno))" }

    /// The process or the system has run out of file descriptors (`EMFILE`, `ENFILE`).
    var isDescriptorExhaustion: Bool { errno == EMFILE || errno == ENFILE }
}

/// A raw file descriptor owned by the HTTP layer.
package typealias FileDescriptor = Int32

/// The outcome of a non-blocking read or write.
package enum IOResult: Equatable {
    /// This many bytes moved (never zero for a read: see `endOfFile`).
    case transferred(Int)
    /// The peer closed its side (read only).
    case endOfFile
    /// The call would block; wait for the descriptor to be ready again.
    case wouldBlock
    /// The connection is broken (reset, broken pipe, or another error).
    case failed(SystemError)
}

/// Calls `body` until it returns something other than -1 with `EINTR`.
@inline(__always)
func retryingInterrupts<Result: FixedWidthInteger>(_ body: () -> Result) -> (result: Result, errno: Int32) {
    while true {
        let result = body()
        if result != -1 { return (result, 0) }
        let code = errno
        if code != EINTR { return (result, code) }
    }
}

/// Whether `code` means "try again later" on a non-blocking descriptor.
@inline(__always)
func isWouldBlock(_ code: Int32) -> Bool { code == EAGAIN || code == EWOULDBLOCK }

/// Closes a descriptor. `EINTR` is not retried: on Linux and Darwin the descriptor is released
/// even when `close` reports it, and a retry could close a descriptor another thread just opened.
package func closeDescriptor(_ fd: FileDescriptor) {
    _ = close(fd)
}

/// Marks a descriptor non-blocking and close-on-exec.
func makeNonBlockingAndCloseOnExec(_ fd: FileDescriptor, call: String) throws(SystemError) {
    let flags = retryingInterrupts { fcntl(fd, F_GETFL) }
    if flags.result == -1 { throw SystemError("\(call): fcntl(F_GETFL)", errno: flags.errno) }
    let setFlags = retryingInterrupts { fcntl(fd, F_SETFL, flags.result | O_NONBLOCK) }
    if setFlags.result == -1 { throw SystemError("\(call): fcntl(F_SETFL)", errno: setFlags.errno) }
    let setCloexec = retryingInterrupts { fcntl(fd, F_SETFD, FD_CLOEXEC) }
    if setCloexec.result == -1 { throw SystemError("\(call): fcntl(F_SETFD)", errno: setCloexec.errno) }
}

/// Seconds since the Unix epoch on the system's wall clock.
package func wallClockSeconds() -> Int {
    Int(time(nil))
}

/// Milliseconds since the Unix epoch on the system's wall clock.
package func wallClockMilliseconds() -> Int64 {
    var spec = timespec()
    _ = clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
}

/// The broken-down UTC time of `epochSeconds`: (year, month 1-12, day, weekday 0=Sunday, hour, minute, second).
package func utcComponents(epochSeconds: Int) -> (year: Int, month: Int, day: Int, weekday: Int, hour: Int, minute: Int, second: Int) {
    var seconds = time_t(epochSeconds)
    var parts = tm()
    _ = gmtime_r(&seconds, &parts)
    return (
        Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_wday),
        Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)
    )
}

/// Raises the soft open-file limit towards `wanted` (never above the hard limit) and returns
/// the limit now in force. Tests that hold many connections use it; macOS starts at 256.
package func raiseOpenFileLimit(to wanted: Int) -> Int {
    var limits = rlimit()
    guard getrlimit(RLIMIT_NOFILE_VALUE, &limits) == 0 else { return 0 }
    let target = rlim_t(max(0, wanted))
    if limits.rlim_cur < target {
        limits.rlim_cur = min(target, limits.rlim_max)
        _ = setrlimit(RLIMIT_NOFILE_VALUE, &limits)
        _ = getrlimit(RLIMIT_NOFILE_VALUE, &limits)
    }
    return Int(clamping: limits.rlim_cur)
}

#if canImport(Glibc)
private let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#else
private let RLIMIT_NOFILE_VALUE = RLIMIT_NOFILE
#endif

import Dispatch
import Foundation
import StubHTTP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process for tests, started with `posix_spawn`, its standard output and error on
/// pipes. Foundation's `Process` is not used: on Linux its `run()` scans `/proc/self/fd` with a
/// 256-byte copy of each entry's name, which reads past short entries and can kill the whole
/// test process (swift-corelibs-foundation#5472; the fix is in no release yet). This is the
/// test targets' only platform file; the Darwin branch cannot be compiled here and follows
/// `posix_spawn(2)` there.
package final class ChildProcess: @unchecked Sendable {
    /// How it ended: an exit status, or 128 + the signal that killed it.
    package typealias Status = Int32

    package let pid: Int32
    // Read ends; each is read by one caller at a time, off the concurrency pool. -1 once
    // `closeOutputPipes` has closed them.
    private var outputFD: Int32
    private var errorFD: Int32

    private init(pid: Int32, outputFD: Int32, errorFD: Int32) {
        self.pid = pid
        self.outputFD = outputFD
        self.errorFD = errorFD
    }

    deinit {
        closeOutputPipes()
    }

    /// Closes this side of the standard output and error pipes, as a reader that goes away
    /// does: the child's next write to either fails with EPIPE (or raises SIGPIPE).
    package func closeOutputPipes() {
        if outputFD >= 0 { close(outputFD) }
        if errorFD >= 0 { close(errorFD) }
        outputFD = -1
        errorFD = -1
    }

    /// Starts `path` with `arguments`; standard input is `/dev/null`. The pipes are
    /// close-on-exec, so children started in parallel never hold each other's pipes open.
    package static func spawn(_ path: String, _ arguments: [String]) throws(ChildProcessError) -> ChildProcess {
        try spawnLock.withLock { (_: inout Void) throws(ChildProcessError) -> ChildProcess in try spawnLocked(path, arguments) }
    }

    /// One spawn at a time, so no child inherits another's pipe before it is close-on-exec.
    private static let spawnLock = Locked(())

    private static func spawnLocked(_ path: String, _ arguments: [String]) throws(ChildProcessError) -> ChildProcess {
        var output: [Int32] = [0, 0]
        var errors: [Int32] = [0, 0]
        guard makePipe(&output) else { throw .system("pipe", errno) }
        guard makePipe(&errors) else {
            let code = errno
            close(output[0])
            close(output[1])
            throw .system("pipe", code)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        // Descriptors the test process holds without close-on-exec (the test runner's own
        // sockets, say) would count against a child's `ulimit -n`: close them in the child.
        for descriptor in inheritableDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with no signal blocked and every signal at its default action, as
        // from a shell: the test process's own mask and ignored signals (SIGPIPE) stay here.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([path] + arguments).map { strdup($0) }
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let arguments = argv + [nil]
        let result = posix_spawn(&pid, path, &actions, &attributes, arguments, environ)
        close(output[1])
        close(errors[1])
        guard result == 0 else {
            close(output[0])
            close(errors[0])
            throw .system("posix_spawn \(path)", result)
        }
        return ChildProcess(pid: pid, outputFD: output[0], errorFD: errors[0])
    }

    /// The next line of standard output (without its newline), or nil at its end or when
    /// `timeout` passes first. Blocks: call it off the concurrency pool.
    package func readOutputLine(timeout: Duration) -> (line: String?, partial: String) {
        let deadline = ContinuousClock.now + timeout
        var bytes: [UInt8] = []
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return (nil, String(decoding: bytes, as: UTF8.self)) }
            var descriptor = pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            var byte: UInt8 = 0
            let count = read(outputFD, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return (nil, String(decoding: bytes, as: UTF8.self)) }
            if byte == 0x0A { return (String(decoding: bytes, as: UTF8.self), "") }
            bytes.append(byte)
        }
    }

    /// Everything left on standard output and standard error, then the exit status. Blocks.
    package func waitForExit() -> (status: Status, output: String, errors: String) {
        // Read both pipes at once so that a child filling one of them never stalls.
        let readErrors = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var errorText = ""
        // A thread of its own, not a Dispatch worker (see `onOwnThread`).
        Thread {
            errorText = Self.readAll(self.errorFD)
            readErrors.signal()
        }.start()
        let outputText = Self.readAll(outputFD)
        readErrors.wait()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit: Status = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exit, outputText, errorText)
    }

    /// Sends `signal` to the child.
    package func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// The open descriptors, from `/proc/self/fd` on Linux (a close action for one that is gone
    /// by then is ignored by glibc). Darwin needs none: `POSIX_SPAWN_CLOEXEC_DEFAULT` covers it.
    private static func inheritableDescriptors() -> [Int32] {
        #if canImport(Glibc)
        guard let directory = opendir("/proc/self/fd") else { return [] }
        defer { closedir(directory) }
        guard let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) else { return [] }
        var descriptors: [Int32] = []
        while let entry = readdir(directory) {
            // The name is read in place, up to its NUL: never a fixed-size copy of `d_name`.
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if let descriptor = Int32(name), descriptor != dirfd(directory) { descriptors.append(descriptor) }
        }
        return descriptors
        #else
        return []
        #endif
    }

    /// A close-on-exec pipe. (`pipe2` is not visible to Swift here; the gap between `pipe`
    /// and `fcntl` is closed by `spawnLock`.)
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return true
    }

    private static func readAll(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A child process that could not be started.
package enum ChildProcessError: Error, CustomStringConvertible {
    case system(String, Int32)

    package var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}

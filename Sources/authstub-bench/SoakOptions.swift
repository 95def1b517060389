/// `authstub-bench soak`'s flags.
struct SoakOptions: Sendable {
    var host = "127.0.0.1"
    var port = 0
    /// The server's process id, for `/proc/PID/status` and `/proc/PID/fd`.
    var pid: Int32 = 0
    var pairs = 100_000
    var connections = 4
    /// The cadence of faults, clock moves and control reads, in pairs (see `SoakControl`).
    var every = 1_000
    /// Judge RSS and descriptors; off for a server under valgrind, whose memory is valgrind's.
    var checkGrowth = true

    static let usage =
        "usage: authstub-bench soak (--url http://HOST:PORT | --port P [--host H]) --pid PID [--pairs N] [--connections 2-4] [--every N] [--no-growth-check]"

    /// Reads `--url` (or `--host` and `--port`), `--pid`, `--pairs`, `--connections`, `--every`
    /// and `--no-growth-check`; nil when one is missing or out of range.
    init?(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--no-growth-check" {
                checkGrowth = false
                index += 1
                continue
            }
            guard index + 1 < arguments.count else { return nil }
            let value = arguments[index + 1]
            switch arguments[index] {
            case "--url":
                guard let (host, port) = Self.hostAndPort(value) else { return nil }
                (self.host, self.port) = (host, port)
            case "--host": host = value
            case "--port":
                guard let port = Int(value) else { return nil }
                self.port = port
            case "--pid":
                guard let pid = Int32(value) else { return nil }
                self.pid = pid
            case "--pairs":
                guard let pairs = Int(value) else { return nil }
                self.pairs = pairs
            case "--connections":
                guard let connections = Int(value) else { return nil }
                self.connections = connections
            case "--every":
                guard let every = Int(value) else { return nil }
                self.every = every
            default: return nil
            }
            index += 2
        }
        guard (1...65_535).contains(port), pid > 0, pairs >= 10, (2...4).contains(connections),
            (20...1_000_000).contains(every)
        else { return nil }
    }

    /// `http://127.0.0.1:8080` (an optional trailing `/`) as host and port.
    static func hostAndPort(_ url: String) -> (String, Int)? {
        guard url.hasPrefix("http://") else { return nil }
        var authority = url.dropFirst("http://".count)
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        guard let colon = authority.lastIndex(of: ":"), let port = Int(authority[authority.index(after: colon)...]) else { return nil }
        var host = authority[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        return (String(host), port)
    }
}

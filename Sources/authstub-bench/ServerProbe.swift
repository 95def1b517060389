import Foundation

/// Reads a process's resident memory and open descriptors from `/proc` (Linux only).
struct ServerProbe {
    /// One reading.
    struct Sample {
        /// `VmRSS`, in KiB.
        var rssKiB: Int
        var descriptors: Int
    }

    let pid: Int32

    /// `VmRSS` from `/proc/PID/status`, in KiB; nil when the process is gone.
    func rssKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.dropFirst("VmRSS:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }

    /// The entries of `/proc/PID/fd`; nil when the process is gone.
    func descriptors() -> Int? {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"))?.count
    }

    /// A reading once the descriptor count has held still for three looks 100 ms apart (the
    /// server closes a connection a moment after the client does), or after five seconds, and
    /// then a second more: `authstub serve` gives its heap's free pages back once it has been
    /// quiet for half a second (`trimHeapWhenQuiet`), so the reading is its memory at rest, not
    /// the holes the last requests left, which the next ones fill.
    func settledSample() -> Sample? {
        var last = -1
        var steady = 0
        for _ in 0..<50 {
            guard let count = descriptors() else { return nil }
            steady = count == last ? steady + 1 : 0
            last = count
            if steady >= 2 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 1.2)
        guard let rss = rssKiB() else { return nil }
        return Sample(rssKiB: rss, descriptors: last)
    }
}

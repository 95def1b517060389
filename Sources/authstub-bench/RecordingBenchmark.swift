import AuthStub
import Foundation

/// `authstub-bench record [--exchanges N] [--limit SECONDS]`: what turning a full recording into
/// fixtures costs. It builds `N` exchanges (10,000 by default, `Recording`'s cap) of a login
/// every 100 requests and token-carrying reads of varying ids (some 404s), writes them with
/// `RecordingWriter` to a temporary folder, and prints the wall time and the files written;
/// past `--limit` (default 60 s, generous for a debug build on a shared machine) it fails.
enum RecordingBenchmark {
    /// The flags.
    struct Options {
        var exchanges = 10_000
        var limit = 60

        static let usage = "usage: authstub-bench record [--exchanges N] [--limit SECONDS]"

        /// Reads the flags; nil for an unknown flag or a count that is not positive.
        init?(_ arguments: [String]) {
            var rest = arguments[...]
            while let flag = rest.popFirst() {
                guard let value = rest.popFirst(), let number = Int(value), number > 0 else { return nil }
                switch flag {
                case "--exchanges": exchanges = number
                case "--limit": limit = number
                default: return nil
                }
            }
        }
    }

    static func run(_ options: Options) -> Int32 {
        let upstream = URL(string: "https://api.example.test") ?? URL(fileURLWithPath: "/")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var exchanges: [ProxiedExchange] = []
        var token = ""
        for index in 0..<options.exchanges {
            let time = start.addingTimeInterval(Double(index))
            if index % 100 == 0 {
                token = UUID().uuidString.lowercased()
                exchanges.append(
                    ProxiedExchange(
                        method: "POST",
                        path: "/login",
                        query: nil,
                        requestHeaders: [HTTPHeaderField("Content-Type", "application/json")],
                        requestBody: Array(#"{"username":"user\#(index % 7)","password":"secret-\#(index % 7)"}"#.utf8),
                        status: 200,
                        responseHeaders: [HTTPHeaderField("Content-Type", "application/json")],
                        responseBody: Array(#"{"token":"\#(token)","expires_in":3600}"#.utf8),
                        time: time,
                        upstream: upstream
                    )
                )
                continue
            }
            let missing = index % 97 == 0
            exchanges.append(
                ProxiedExchange(
                    method: "GET",
                    path: "/items/\(missing ? 900_000 + index : index % 500)",
                    query: "page=\(index % 3)",
                    requestHeaders: [HTTPHeaderField("Authorization", "Bearer \(token)")],
                    requestBody: [],
                    status: missing ? 404 : 200,
                    responseHeaders: [HTTPHeaderField("Content-Type", "application/json")],
                    responseBody: Array(#"{"id":\#(index % 500),"name":"item \#(index)"}"#.utf8),
                    time: time,
                    upstream: upstream
                )
            )
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-bench-record-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ContinuousClock()
        let began = clock.now
        let report: RecordingReport
        do {
            report = try RecordingWriter.write(exchanges, refused: 0, to: folder, options: RecordingOptions(service: "bench"))
        } catch {
            FileHandle.standardError.write(Data("Error: \(error.reason)\n".utf8))
            return 1
        }
        let elapsed = clock.now - began
        print("record: \(options.exchanges) exchanges → \(report.files.count) files in \(elapsed.formatted(.units(allowed: [.milliseconds])))")
        guard elapsed <= .seconds(options.limit) else {
            FileHandle.standardError.write(Data("Error: writing took longer than \(options.limit) s\n".utf8))
            return 1
        }
        return 0
    }
}

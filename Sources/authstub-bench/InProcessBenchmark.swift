import AuthStub
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `authstub-bench inprocess`: what a test's login/logout pair costs through the public API,
/// client and server in one process. The bundled `wice` service is served twice with the
/// default options (journal and tokens on, no request log): once never started, reached by a
/// `URLSession` on `inProcessConfiguration` (the socket-free transport), and once started,
/// reached by a plain `URLSession` over its loopback socket. Each pair is
/// `POST /m2m/v1/auth/login` (201 with an `auth-token`) then `DELETE /m2m/v1/auth/logout` with
/// that token (204, as `fixtures/wice/logout.json` documents); any other answer ends the
/// benchmark with exit status 1, so it never times errors. The two transports take turns in
/// blocks of pairs, so a shared machine's other work falls on both alike. Prints, per transport,
/// the total wall-clock time, each pair's median and p99 on the wall clock, and the process's
/// CPU time (all threads: client, URLSession and server) a pair.
enum InProcessBenchmark {
    /// What the command line asks for.
    struct Options {
        var pairs = 2_000

        static let usage = "usage: authstub-bench inprocess [--pairs N]"

        /// Reads `--pairs N`; nil for anything else.
        init?(_ arguments: [String]) {
            var rest = arguments[...]
            while let flag = rest.popFirst() {
                guard let text = rest.popFirst(), let value = Int(text), value >= 1, value <= 10_000_000 else { return nil }
                switch flag {
                case "--pairs": pairs = value
                default: return nil
                }
            }
        }
    }

    /// One way of reaching a server, and what its pairs took.
    private struct Transport {
        let name: String
        let session: URLSession
        let baseURL: URL
        var pairTimes: [Duration] = []
        var wall = Duration.zero
        var cpu = Duration.zero
    }

    /// Pairs each transport sends before any is timed (URLSession's and the server's first-use
    /// costs).
    private static let warmUpPairs = 100
    /// Pairs in each transport's turn.
    private static let blockPairs = 100

    /// Serves, warms up, times both transports in turns and prints the figures; 0, or 1 when an
    /// answer was wrong or a server could not start.
    static func run(_ options: Options) async -> Int32 {
        do {
            let socketFree = try AuthStubServer()
            let socket = try AuthStubServer()
            try await socket.start()
            let plainSession = URLSession(configuration: .ephemeral)
            var transports = [
                Transport(name: "socket-free (inProcessConfiguration)", session: socketFree.makeInProcessSession(), baseURL: socketFree.baseURL),
                Transport(name: "URLSession over the socket", session: plainSession, baseURL: socket.baseURL),
            ]
            for transport in transports {
                for _ in 0..<warmUpPairs { try await pair(transport) }
            }
            var done = 0
            while done < options.pairs {
                let block = min(blockPairs, options.pairs - done)
                for index in transports.indices { try await timeBlock(of: block, on: &transports[index]) }
                done += block
            }
            for transport in transports { transport.session.invalidateAndCancel() }
            await socket.stop()
            report(transports, pairs: options.pairs)
            return 0
        } catch {
            FileHandle.standardError.write(Data("FAIL: \(error)\n".utf8))
            return 1
        }
    }

    /// Sends `count` pairs through `transport`, adding each pair's wall-clock time and the
    /// block's wall-clock and process CPU time to it.
    private static func timeBlock(of count: Int, on transport: inout Transport) async throws {
        let clock = ContinuousClock()
        let blockBegan = clock.now
        let cpuBegan = CPUTime.process()
        for _ in 0..<count {
            let began = clock.now
            try await pair(transport)
            transport.pairTimes.append(clock.now - began)
        }
        transport.cpu += CPUTime.process() - cpuBegan
        transport.wall += clock.now - blockBegan
    }

    /// One login and the logout of its token, each answer checked.
    private static func pair(_ transport: Transport) async throws {
        var login = URLRequest(url: transport.baseURL.appendingPathComponent("m2m/v1/auth/login"))
        login.httpMethod = "POST"
        login.setValue("application/json", forHTTPHeaderField: "Content-Type")
        login.setValue("application/json", forHTTPHeaderField: "Accept")
        login.httpBody = Data(#"{"username":"user","password":"secret"}"#.utf8)
        let loggedIn = try await send(login, on: transport, expecting: 201)
        guard let token = loggedIn.value(forHTTPHeaderField: "auth-token"), !token.isEmpty else {
            throw BenchError("\(transport.name): the login answered 201 without an auth-token header")
        }
        var logout = URLRequest(url: transport.baseURL.appendingPathComponent("m2m/v1/auth/logout"))
        logout.httpMethod = "DELETE"
        logout.setValue("application/json", forHTTPHeaderField: "Accept")
        logout.setValue(token, forHTTPHeaderField: "auth-token")
        _ = try await send(logout, on: transport, expecting: 204)
    }

    /// Sends `request` through `transport`'s session; throws unless it answers `status`.
    private static func send(_ request: URLRequest, on transport: Transport, expecting status: Int) async throws -> HTTPURLResponse {
        let (body, response) = try await transport.session.data(for: request)
        guard let answer = response as? HTTPURLResponse, answer.statusCode == status else {
            let got = (response as? HTTPURLResponse)?.statusCode ?? 0
            throw BenchError(
                "\(transport.name): \(request.httpMethod ?? "?") \(request.url?.path ?? "?") answered \(got), not \(status): "
                    + String(decoding: body.prefix(200), as: UTF8.self)
            )
        }
        return answer
    }

    /// Prints each transport's figures, then the socket's as multiples of the socket-free ones.
    private static func report(_ transports: [Transport], pairs: Int) {
        print(
            "in-process transports: \(pairs) wice login/logout pairs each (POST /m2m/v1/auth/login → 201, "
                + "DELETE /m2m/v1/auth/logout → 204), after \(warmUpPairs) untimed, taking turns in blocks of \(blockPairs)"
        )
        for transport in transports {
            let timings = Timings(transport.pairTimes)
            print(
                String(
                    format: "  %@: total %.0f ms; a pair: median %.0f µs, p99 %.0f µs on the wall clock, %.0f µs of process CPU",
                    transport.name,
                    Timings.microseconds(transport.wall) / 1000,
                    Timings.microseconds(timings.at(0.5)),
                    Timings.microseconds(timings.at(0.99)),
                    Timings.microseconds(transport.cpu) / Double(max(1, pairs))
                )
            )
        }
        guard let free = transports.first, let socket = transports.last, !free.pairTimes.isEmpty else { return }
        let freeTimings = Timings(free.pairTimes)
        let socketTimings = Timings(socket.pairTimes)
        func ratio(_ over: Duration, _ under: Duration) -> Double { Timings.microseconds(over) / max(0.001, Timings.microseconds(under)) }
        print(
            String(
                format: "  the socket ÷ socket-free: total %.2f×, median %.2f×, p99 %.2f×, CPU a pair %.2f×",
                ratio(socket.wall, free.wall),
                ratio(socketTimings.at(0.5), freeTimings.at(0.5)),
                ratio(socketTimings.at(0.99), freeTimings.at(0.99)),
                ratio(socket.cpu, free.cpu)
            )
        )
    }
}

import AuthStub
import Foundation
import StubHTTP

/// `authstub-bench requests`: the request path with no socket, task or event loop, so valgrind's
/// callgrind can count its instructions (it cannot follow `authstub serve` on this machine: it
/// stops with a SIGSEGV inside valgrind). Each request goes as the event loop takes it: its bytes
/// through `HTTPRequestParser`, the handler, `FinishedResponse` and `ResponseSerializer` into
/// one reused buffer. Only the system calls and the hop to the handler's task are left out.
///
/// `.ci/instructions.sh` runs it under callgrind with two `--count`s and divides the difference
/// in instructions by the difference in requests, so start-up, fixture loading and the warm-up
/// cancel out. `--handler layer` gives the same for the HTTP layer with the hand-written login
/// of `authstub-bench serve`, so the difference is the engine's share.
enum RequestPathBenchmark {
    /// What answers the requests.
    enum Handler: String {
        /// `AuthStubServer` with the bundled fixtures (journal and tokens on, no request log), as
        /// `authstub serve --quiet` runs it.
        case product
        /// `LoginServer.handle`: the HTTP layer's share alone.
        case layer
    }

    /// What the command line asks for.
    struct Options {
        var handler = Handler.product
        /// Requests measured (a login/logout pair counts as two).
        var count = 20_000
        /// Requests answered before the measured ones, so caches and the token store are warm.
        var warmUp = 2_000
        /// Log each token out again (the product only), so the store stays small as in a test.
        var pairs = false

        static let usage = "usage: authstub-bench requests [--handler product|layer] [--count N] [--warm-up N] [--pairs]"

        init?(_ arguments: [String]) {
            var rest = arguments[...]
            while let flag = rest.popFirst() {
                switch flag {
                case "--pairs": pairs = true
                case "--handler":
                    guard let value = rest.popFirst().flatMap(Handler.init(rawValue:)) else { return nil }
                    handler = value
                case "--count", "--warm-up":
                    guard let value = rest.popFirst().flatMap({ Int($0) }), (1...10_000_000).contains(value) else { return nil }
                    if flag == "--count" { count = value } else { warmUp = value }
                default: return nil
                }
            }
            if pairs && handler == .layer { return nil }
        }
    }

    /// The login compare.sh sends (`../shared/bench/login.lua`), as wrk puts it on the wire.
    static let login = Array(
        ("POST /m2m/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n"
            + "Accept: application/json\r\nContent-Length: 39\r\n\r\n{\"username\":\"user\",\"password\":\"secret\"}").utf8
    )

    /// The wice logout of `token`.
    static func logout(_ token: String) -> [UInt8] {
        Array("DELETE /m2m/v1/auth/logout HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: application/json\r\nauth-token: \(token)\r\n\r\n".utf8)
    }

    /// One connection's worth of state: the parser and the output buffer, both reused.
    struct Exchange {
        let respond: (HTTPRequest) -> HTTPAction
        let pairs: Bool
        var parser = HTTPRequestParser()
        var output: [UInt8] = []

        /// Sends `bytes` through the path; returns the response's status and `auth-token`, or a
        /// reason when the request was not answered as the path should.
        mutating func send(_ bytes: [UInt8]) -> Result<(HTTPStatus, String?), Failure> {
            parser.append(bytes)
            guard case .request(let parsed) = parser.next() else { return .failure(Failure("the parser did not return a request")) }
            let request = HTTPRequest(parsed, peer: "127.0.0.1:40000", connectionID: 1)
            guard case .respond(let response) = respond(request) else { return .failure(Failure("the handler did not respond")) }
            let finished = FinishedResponse(
                response,
                answering: FinishedResponse.Request(method: parsed.method, version: parsed.version, keepAlive: parsed.keepAlive),
                date: "Mon, 07 Dec 2026 10:00:00 GMT",
                server: "AuthStub"
            )
            output.removeAll(keepingCapacity: true)
            ResponseSerializer.append(finished, to: &output)
            return .success((finished.status, response.headers["auth-token"]))
        }

        /// One login, and its logout with `pairs`; fails on any answer but 201 then 204.
        mutating func round() -> Failure? {
            switch send(RequestPathBenchmark.login) {
            case .failure(let failure): return failure
            case .success((let status, let token)):
                guard status == 201, let token else { return Failure("the login answered \(status)") }
                guard pairs else { return nil }
                switch send(RequestPathBenchmark.logout(token)) {
                case .failure(let failure): return failure
                case .success((let status, _)): return status == 204 ? nil : Failure("the logout answered \(status)")
                }
            }
        }
    }

    /// Why a request was not answered as it should be.
    struct Failure: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    static func run(_ options: Options) -> Int32 {
        let respond: (HTTPRequest) -> HTTPAction
        var server: AuthStubServer?
        switch options.handler {
        case .layer:
            respond = { LoginServer.handle($0) }
        case .product:
            do {
                let product = try AuthStubServer(options: AuthStubServer.Options(fixtures: [.bundled]))
                server = product
                respond = { product.respond(to: $0) }
            } catch {
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                return 1
            }
        }
        var exchange = Exchange(respond: respond, pairs: options.pairs)
        exchange.output.reserveCapacity(4096)
        let perRound = options.pairs ? 2 : 1
        var failure: Failure?
        for _ in 0..<((options.warmUp + options.count) / perRound) where failure == nil { failure = exchange.round() }
        if let failure {
            FileHandle.standardError.write(Data("FAIL: \(failure.reason)\n".utf8))
            return 1
        }
        withExtendedLifetime(server) {}
        print(
            "\(options.handler.rawValue): \(options.count / perRound * perRound) requests after \(options.warmUp) warm-up\(options.pairs ? " (login/logout pairs)" : " (logins)")"
        )
        return 0
    }
}

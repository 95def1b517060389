import AuthStubFixtures
public import Foundation
public import StubHTTP

/// A running fake of HTTP authentication APIs, listening on a real socket.
///
/// ```swift
/// let stub = try await AuthStubServer.start()   // bundled fixtures, 127.0.0.1, a free port
/// print(stub.baseURL)                            // http://127.0.0.1:53122
/// await stub.stop()
/// ```
public final class AuthStubServer: Sendable {
    /// The port `authstub serve` listens on when given none, and the default of the `servers`
    /// port variable in `authstub openapi`'s document.
    public static let commandLinePort = 8080

    /// Where fixtures are loaded from.
    public enum FixtureLocation: Sendable, Equatable {
        /// The services that ship with AuthStub (`wice`, `usertoken`).
        case bundled
        /// A service folder, or a folder of service folders.
        case directory(URL)
    }

    /// How a server is set up.
    public struct Options: Sendable {
        /// Address to bind; loopback by default.
        public var host: String = "127.0.0.1"
        /// Port to bind; 0 picks a free one.
        public var port: Int = 0
        /// The fixture folders to serve, in order.
        public var fixtures: [FixtureLocation] = [.bundled]
        /// Seeds the token generator: with a frozen clock, responses are byte-for-byte repeatable.
        public var seed: UInt64?
        /// Send `X-AuthStub-Example: service/endpoint#example` on documented answers.
        public var exampleHeader = true
        /// Entries the request journal keeps before dropping the oldest (at least 1).
        public var journalCapacity = 10_000
        /// Bytes the request journal keeps before dropping the oldest entries: 16 MiB. An entry
        /// counts the UTF-8 bytes of its text plus 256; the newest entry is always kept. Drops
        /// are counted (`JournalPage.dropped`), and expectations and Pact exports say so. Entries
        /// are stored 64 to a chunk, and up to 63 dropped ones stay in memory until their chunk
        /// is let go.
        public var journalBytes = 16 * 1024 * 1024
        /// Bytes of header values and body one journal entry keeps: 16 KiB. Request header
        /// values, then the response headers it keeps, then the body take what is left; a value
        /// cut ends with `…[cut by the journal: N bytes sent]` and the entry is `truncated`.
        public var journalEntryBytes = 16 * 1024
        /// Live tokens (usable or disabled) the server holds at most. Past it, an issue evicts
        /// the least recently used live token; its next use is refused as `evicted` ("token
        /// evicted"), counted in `ServerStatus.tokenCounts`. From 1 to `maximumTokenLimit`
        /// (values outside are taken as the nearest); at the default a server's tokens take 10
        /// to 12 MiB.
        public var tokenLimit = TokenLimits.defaultLive
        /// Live tokens one user of one service holds at most; past it, an issue for that user
        /// evicts their least recently used token. Same range as `tokenLimit`.
        public var tokenLimitPerUser = TokenLimits.defaultPerUser
        /// The largest `tokenLimit` and `tokenLimitPerUser`.
        public static let maximumTokenLimit = TokenLimits.maximum
        /// Keep what clients send as credentials (passwords, Basic values, cookies, full tokens)
        /// in the journal, the dashboard, Pact exports and `requestLog`. Off by default: they
        /// are hidden as `[redacted]`, tokens shortened to their first four characters.
        public var keepSecrets = false
        /// Where the control API lives on the same port.
        public var controlPrefix: String = "/__control"
        /// Required as `Authorization: Bearer <token>` on control requests. When nil or empty (an
        /// empty token could never be presented, so it counts as none) and `host` is not a
        /// loopback address, the server makes one up (see `controlToken`), because anyone who
        /// can reach the port could otherwise change its state.
        public var controlToken: String?
        /// Origins browsers may call from (`--cors-origin`). Empty: API routes reflect any origin;
        /// control routes always allow loopback origins and these, never others.
        public var corsOrigins: [String] = []
        /// Called after every API request with its journal entry (the CLI prints these). It runs
        /// on a serial queue of its own, in the order requests were answered, never on the request
        /// path: a callback that is slow or blocks holds up no request. Entries are passed on in
        /// batches, about a millisecond after the first of each was answered. Up to 1,000 entries
        /// wait for it; past that, entries are dropped and counted in `ServerStatus.requestLog`.
        public var requestLog: (@Sendable (JournalEntry) -> Void)?
        /// The HTTP layer's limits and timeouts; `host` and `port` above take precedence.
        public var http = HTTPServer.Configuration()
        /// The issuer the OAuth 2.0 metadata and JWTs name (`{{issuer}}`), e.g.
        /// `https://auth.example.test` for a server behind a proxy or bound to `0.0.0.0`
        /// (`authstub serve --issuer`). nil: the server's URL as bound (`baseURL`, no trailing
        /// slash); before `start()`, the socket-free transport's `http://authstub-N.invalid`.
        public var issuer: String?
        /// Where requests that no fixture matches go (`authstub serve --proxy-unmatched`): an
        /// `http` or `https` URL, optionally with a base path the forwarded paths are put
        /// under. nil: such requests get AuthStub's 404 or 405 as before. A service's own
        /// `"proxy"` takes precedence for paths under its base paths.
        public var proxyUnmatched: URL?
        /// How long one forwarded exchange may take, connecting included, before the client
        /// gets a 504.
        public var proxyTimeout: Duration = .seconds(30)
        /// Keeps every exchange forwarded upstream, for `authstub record`.
        package var recording: Recording?

        /// Defaults: the bundled fixtures on `127.0.0.1`, an ephemeral port.
        public init(host: String = "127.0.0.1", port: Int = 0, fixtures: [FixtureLocation] = [.bundled]) {
            self.host = host
            self.port = port
            self.fixtures = fixtures
        }
    }

    /// The options the server was made with.
    public let options: Options
    /// The token control requests must carry, or nil when the control API is open (the
    /// default on loopback).
    public let controlToken: String?
    let engine: Engine
    private let http: HTTPServer
    /// Control routes to the control API, the rest to the engine: what both transports call.
    private let route: @Sendable (HTTPRequest) -> HTTPAnswer
    /// The host the socket-free transport answers for (`authstub-3.invalid`).
    let inProcessHost: String

    /// Loads and checks the fixtures; call `start()` to listen.
    /// - Throws: `FixtureLoadError` listing every problem with file, JSON path and reason (a
    ///   `proxyUnmatched` that is not an http or https URL is one, named `Options.proxyUnmatched`).
    public init(options: Options = Options()) throws(FixtureLoadError) {
        self.options = options
        let locations = options.fixtures
        let proxyUnmatched = try Self.upstream(options.proxyUnmatched)
        let inProcessHost = InProcessRegistry.makeHost()
        let engine = Engine(
            fixtures: try Self.loadFixtures(locations),
            settings: Engine.Settings(
                exampleHeader: options.exampleHeader,
                seed: options.seed,
                journal: JournalLimits(entries: options.journalCapacity, bytes: options.journalBytes, entryBytes: options.journalEntryBytes),
                tokenLimits: TokenLimits(live: options.tokenLimit, perUser: options.tokenLimitPerUser),
                keepSecrets: options.keepSecrets,
                requestLog: options.requestLog,
                reload: { () throws(FixtureLoadError) in try Self.loadServices(locations) },
                proxyUnmatched: proxyUnmatched,
                forwarders: Forwarders(timeout: options.proxyTimeout, responseLimit: options.http.limits.maxBodyBytes),
                recording: options.recording
            ),
            issuer: options.issuer ?? "http://\(inProcessHost)"
        )
        let given = options.controlToken.flatMap { $0.isEmpty ? nil : $0 }
        controlToken = given ?? (ControlToken.isLoopback(options.host) ? nil : ControlToken.generate())
        let control = ControlAPI(prefix: options.controlPrefix, engine: engine, controlToken: controlToken)
        var configuration = options.http
        configuration.host = options.host
        configuration.port = options.port
        configuration.serverName = "AuthStub/\(AuthStubVersion.current)"
        let cors = CORSGate(allowedOrigins: options.corsOrigins, boundHost: options.host, inProcessHost: inProcessHost)
        let route: @Sendable (HTTPRequest) -> HTTPAnswer = { request in
            control.handles(request.path)
                ? .finished(cors.control(request) { control.handle($0) })
                : cors.api(request, exposing: engine.fixtures.corsExposedHeaders) { engine.handle($0) }
        }
        self.engine = engine
        self.route = route
        // API requests are answered on the event loop that read them (the engine never waits; a
        // forward is `.pending`), so no answer needs Swift's cooperative pool, which the tests
        // around the server may keep busy. Control requests go to a queue of the server's own:
        // an export or a reload can take long enough to hold up that loop's other connections.
        let controlQueue = DispatchQueue(label: "authstub-control")
        self.http = HTTPServer(
            configuration: configuration,
            answering: { request in
                control.handles(request.path) ? .elsewhere(on: controlQueue) { route(request) } : route(request)
            }
        )
        self.inProcessHost = inProcessHost
        InProcessRegistry.register(self, authority: inProcessHost)
    }

    deinit {
        InProcessRegistry.unregister(self, authority: inProcessHost)
        if let authority = listeningAuthority { InProcessRegistry.unregister(self, authority: authority) }
    }

    /// The `Server` field value of both transports' answers.
    var serverName: String { http.configuration.serverName }

    /// Answers one request as the server would over its socket (the fuzz targets and the
    /// benchmark call it). A forwarded request blocks the caller until the upstream answered
    /// or `proxyTimeout` passed.
    package func respond(to request: HTTPRequest) -> HTTPAction {
        route(request).wait()
    }

    /// Answers one request as `respond(to:)` does, a forwarded one once the upstream answered
    /// (the socket-free transport calls it).
    func answer(_ request: HTTPRequest) -> HTTPAnswer {
        route(request)
    }

    /// Why `url` cannot be a proxy target (`proxyUnmatched`, `--proxy-unmatched`), as a
    /// sentence; nil when it can.
    package static func proxyProblem(_ url: URL) -> String? {
        do throws(UpstreamTarget.Problem) {
            _ = try UpstreamTarget(url)
            return nil
        } catch {
            return error.reason
        }
    }

    /// The proxy target `url` names, or nil for none.
    /// - Throws: `FixtureLoadError` naming `Options.proxyUnmatched` when `url` cannot be one.
    private static func upstream(_ url: URL?) throws(FixtureLoadError) -> UpstreamTarget? {
        guard let url else { return nil }
        do throws(UpstreamTarget.Problem) {
            return try UpstreamTarget(url)
        } catch {
            throw FixtureLoadError(problems: [FixtureProblem(file: "AuthStubServer.Options", path: "proxyUnmatched", reason: error.reason)])
        }
    }

    /// Loads the fixtures and starts listening, in one call.
    public static func start(_ options: Options = Options()) async throws -> AuthStubServer {
        let server = try AuthStubServer(options: options)
        try await server.start()
        return server
    }

    /// Starts listening; returns once requests are accepted.
    /// - Throws: `HTTPServerError`, e.g. `127.0.0.1:8080: Address already in use`.
    public func start() async throws(HTTPServerError) {
        try await http.start()
        if let authority = listeningAuthority {
            InProcessRegistry.register(self, authority: authority)
            if options.issuer == nil { engine.state.withLock { $0.issuer = "http://\(authority)" } }
        }
    }

    /// Closes the listener and every connection, then waits up to 0.1 s for the entries still
    /// waiting for `Options.requestLog` to reach it (they would otherwise be passed on up to a
    /// millisecond later). Safe to call twice.
    public func stop() async {
        await http.stop()
        await engine.requestLog?.settle(patience: .milliseconds(100))
    }

    /// The bound port (after `start()`).
    public var port: Int? { http.port }

    /// `http://host:port` once started, with IPv6 hosts in brackets. Before `start()` it is
    /// `http://authstub-N.invalid`, which only the socket-free transport
    /// (`inProcessConfiguration`) reaches.
    public var baseURL: URL {
        let authority = listeningAuthority ?? inProcessHost
        return URL(string: "http://\(authority)") ?? URL(fileURLWithPath: "/")
    }

    /// `host:port` while bound.
    private var listeningAuthority: String? {
        guard let port else { return nil }
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        return "\(host):\(port)"
    }

    /// The control API's URL, e.g. `http://127.0.0.1:8080/__control`.
    public var controlURL: URL { baseURL.appendingPathComponent(String(options.controlPrefix.drop { $0 == "/" })) }

    /// The fixtures it serves now (fixtures added or reloaded through the control API included).
    public var fixtures: FixtureSet { engine.fixtures }

    /// Every API request so far, oldest first.
    public var journal: [JournalEntry] { engine.journalSnapshot.entries }

    /// Loads and checks fixtures from `locations` without starting a server (`authstub validate`).
    /// Every problem is reported at once: those of each file, and those across the files that
    /// could be read.
    public static func loadFixtures(_ locations: [FixtureLocation]) throws(FixtureLoadError) -> FixtureSet {
        let read = readServices(locations)
        guard read.problems.isEmpty else {
            let cross = FixtureSet.crossCheck(read.services) { service in
                !read.problems.contains { $0.file.hasPrefix(service.directory + "/") }
            }
            throw FixtureLoadError(problems: read.problems + cross)
        }
        return try FixtureLoader.checkedSet(of: read.services)
    }

    /// The services of `locations`, each checked on its own; `loadFixtures` checks them together.
    static func loadServices(_ locations: [FixtureLocation]) throws(FixtureLoadError) -> [ServiceFixture] {
        let read = readServices(locations)
        guard read.problems.isEmpty else { throw FixtureLoadError(problems: read.problems) }
        return read.services
    }

    /// The services of `locations` that could be read, and every problem of every file.
    private static func readServices(_ locations: [FixtureLocation]) -> (services: [ServiceFixture], problems: [FixtureProblem]) {
        var services: [ServiceFixture] = []
        var problems: [FixtureProblem] = []
        for location in locations {
            switch location {
            case .bundled:
                do throws(FixtureLoadError) {
                    services += try bundledServices()
                } catch {
                    problems += error.problems
                }
            case .directory(let url):
                let read = FixtureLoader.readServices(from: [url])
                services += read.services
                problems += read.problems
            }
        }
        return (services, problems)
    }

    /// The bundled services, read from disk once per process: they never change, and a suite
    /// that starts a server for every test should not parse them every time.
    private static let bundledCache = Locked<[ServiceFixture]?>(nil)

    private static func bundledServices() throws(FixtureLoadError) -> [ServiceFixture] {
        try bundledCache.withLock { (cache: inout [ServiceFixture]?) throws(FixtureLoadError) -> [ServiceFixture] in
            if let cache { return cache }
            guard let bundled = BundledFixtures.directory else {
                throw FixtureLoadError(problems: [
                    FixtureProblem(
                        file: "bundled fixtures",
                        path: "$",
                        reason: "cannot find AuthStub's bundled fixtures (neither its resource bundle nor its source checkout)"
                    )
                ])
            }
            let services = try FixtureLoader.loadServices(from: [bundled])
            cache = services
            return services
        }
    }
}

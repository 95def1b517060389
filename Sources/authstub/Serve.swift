import AuthStub
import Foundation
import StubHTTP

/// `authstub serve`: load the fixtures, listen, print where and what, then one line per
/// request until SIGINT, SIGTERM or SIGHUP, then stop cleanly.
///
/// Nothing the server prints can hold up a request or a stop: request lines reach standard
/// output through the library's request-log queue (which drops and counts what a slow reader
/// cannot take: `requestLog.dropped` in `GET /__control/status`), and the server's own lines
/// are dropped rather than waited for.
enum Serve {
    static func run(_ options: ServeOptions) async -> Int32 {
        let proxy = options.proxyUnmatched.map { ["proxy: unmatched requests → \($0.absoluteString)"] } ?? []
        return await run(options, serverOptions(options), banner: proxy) { ExitStatus.success }
    }

    /// The library's options for `options`.
    static func serverOptions(_ options: ServeOptions) -> AuthStubServer.Options {
        var serverOptions = AuthStubServer.Options(
            host: options.host,
            port: options.port,
            fixtures: fixtureLocations(options.fixtures)
        )
        serverOptions.seed = options.seed
        serverOptions.exampleHeader = options.exampleHeader
        serverOptions.controlToken = options.controlToken
        serverOptions.corsOrigins = options.corsOrigins
        serverOptions.keepSecrets = options.keepSecrets
        if let entries = options.journalEntries { serverOptions.journalCapacity = entries }
        if let bytes = options.journalBytes { serverOptions.journalBytes = bytes }
        if let bytes = options.journalEntryBytes { serverOptions.journalEntryBytes = bytes }
        if let limit = options.tokenLimit { serverOptions.tokenLimit = limit }
        if let limit = options.tokenLimitPerUser { serverOptions.tokenLimitPerUser = limit }
        serverOptions.issuer = options.issuer
        serverOptions.proxyUnmatched = options.proxyUnmatched
        if let timeout = options.proxyTimeout { serverOptions.proxyTimeout = timeout }
        return serverOptions
    }

    /// Starts a server with `serverOptions`, prints where and what (the `banner` lines last),
    /// prints request lines as `options` asks until a signal, stops, and ends with
    /// `afterStop`'s exit status (`record` saves there).
    static func run(
        _ options: ServeOptions,
        _ serverOptions: AuthStubServer.Options,
        banner: [String],
        afterStop: () -> Int32
    ) async -> Int32 {
        var serverOptions = serverOptions
        serverOptions.http.log = { message in Console.errors.offer("authstub: \(message)") }
        // Harnesses read the first line for the URL: no request line may come before it.
        let bannerWritten = DispatchGroup()
        bannerWritten.enter()
        if !options.quiet {
            let format = options.logFormat
            let palette = ConsolePalette.forStandardOutput(
                isTerminal: standardOutputIsTerminal(),
                environment: ProcessInfo.processInfo.environment
            )
            serverOptions.requestLog = { entry in
                bannerWritten.wait()
                Console.output.write(RequestLogLine.format(entry, as: format, palette: palette))
            }
        }
        limitAllocatorRetention()
        let heapTrim = trimHeapWhenQuiet()
        defer { heapTrim?.cancel() }
        let signal = TerminationSignal()
        let server: AuthStubServer
        do {
            server = try AuthStubServer(options: serverOptions)
            try await server.start()
        } catch {
            printError("\(error)")
            return ExitStatus.failure
        }
        printLine("AuthStub \(AuthStubVersion.current) listening on \(server.baseURL.absoluteString)")
        printLine("  control: \(server.controlURL.absoluteString)")
        if let token = server.controlToken {
            let given = options.controlToken != nil
            printLine("  control token: \(given ? Redaction.shortened(token) + " (as given)" : token) (send Authorization: Bearer <token>)")
        }
        for line in ServiceSummary.lines(server.fixtures) + banner { printLine("  " + line) }
        let watcher = options.watch ? startWatching(options.fixtures, server: server) : nil
        bannerWritten.leave()
        let name = await signal.wait()
        watcher?.stop()
        await server.stop()
        Console.output.offer("Stopped (\(name)).")
        return afterStop()
    }

    /// `--watch`: the fixture folders given (the bundled ones never change).
    private static func startWatching(_ arguments: [String], server: AuthStubServer) -> FixtureWatcher? {
        let folders = arguments.filter { $0 != "bundled" }.map { URL(fileURLWithPath: $0) }
        guard !folders.isEmpty else {
            printLine("  watch: only the bundled fixtures are served; nothing to watch")
            return nil
        }
        // Made before the line is printed: it takes its first look at once, so an edit made
        // after the line is never part of that look.
        let watcher = FixtureWatcher(folders: folders, server: server) { Console.output.offer($0) }
        printLine("  watching \(folders.map(\.path).joined(separator: ", ")) for changes")
        return watcher
    }

    /// `bundled` or a folder path, as the server takes them.
    static func fixtureLocations(_ arguments: [String]) -> [AuthStubServer.FixtureLocation] {
        if arguments.isEmpty { return [.bundled] }
        return arguments.map { $0 == "bundled" ? .bundled : .directory(URL(fileURLWithPath: $0)) }
    }
}

/// `authstub validate`: every problem in every file, then a verdict.
enum Validate {
    static func run(_ folders: [String]) -> Int32 {
        do {
            let fixtures = try AuthStubServer.loadFixtures(Serve.fixtureLocations(folders))
            printLine("OK: \(fixtures.services.count) services, \(fixtures.endpointCount) endpoints")
            for line in ServiceSummary.lines(fixtures) { printLine("  " + line) }
            return ExitStatus.success
        } catch {
            for problem in error.problems { printLine(problem.description) }
            printError("\(error.problems.count == 1 ? "1 problem" : "\(error.problems.count) problems") in the fixtures")
            return ExitStatus.failure
        }
    }
}

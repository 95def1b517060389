import AuthStub
import Foundation
import TestSupport
import Testing

@testable import authstub

/// Colours on a terminal only: the same request lines, with or without ANSI escapes.
@Suite("CLI: console colours")
struct ConsoleColorTests {
    @Test("colours only on a terminal, and never with NO_COLOR")
    func paletteChoice() {
        #expect(ConsolePalette.forStandardOutput(isTerminal: true, environment: [:]) == .ansi)
        #expect(ConsolePalette.forStandardOutput(isTerminal: false, environment: [:]) == .plain)
        #expect(ConsolePalette.forStandardOutput(isTerminal: true, environment: ["NO_COLOR": "1"]) == .plain)
    }

    @Test("on a terminal: the status, refusal and deprecation are coloured; stripped of escapes the line is the plain one")
    func colouredLine() async throws {
        let stub = try await AuthStubServer.start()
        let port = try #require(stub.port)
        let connection = try await RawConnection.connect(
            port: port,
            sending:
                "POST /v1/auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\nauth-token: nope\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        )
        _ = try await connection.response(timeout: .seconds(60))
        await connection.close()
        let entry = try #require(stub.journal.last)
        await stub.stop()

        let coloured = RequestLogLine.format(entry, as: .text, palette: .ansi)
        #expect(coloured.contains("\u{1B}[33m401\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31mrefused: unknown token\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[1;33m[DEPRECATED]\u{1B}[0m"))
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == RequestLogLine.format(entry, as: .text))
        #expect(!RequestLogLine.format(entry, as: .json, palette: .ansi).contains("\u{1B}"), "JSON lines are for tools: never coloured")
    }

    @Test("the real CLI writing to a pipe prints no escape codes")
    func pipeIsPlain() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0"])
        let line = try await server.firstLine()
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0) })
        let connection = try await RawConnection.connect(
            port: port,
            sending:
                "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        _ = try await connection.response(timeout: .seconds(60))
        await connection.close()
        let result = try await server.stop(signal: SIGTERM)
        #expect(result.stdout.contains("GET /nowhere 404"))
        #expect(!result.stdout.contains("\u{1B}"))
    }
}

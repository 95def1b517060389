import AuthStub
import Foundation
import StubHTTP

/// Exit statuses in the BSD sysexits manner.
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
}

/// Writes a line to standard output at once (no buffering: tools wait for the URL line).
func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Writes `Error: message` to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
}

let command: Command
do {
    command = try CommandLineParser.parse(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
} catch {
    printError(error.message)
    exit(ExitStatus.usage)
}

switch command {
case .help:
    print(CommandLineParser.helpText)
case .version:
    print("authstub \(AuthStubVersion.current)")
case .serve(let options):
    exit(await Serve.run(options))
case .validate(let folders):
    exit(Validate.run(folders))
case .verify(let options):
    exit(await Verify.run(options))
case .openapi(let folders):
    exit(PrintOpenAPI.run(folders))
}

import AuthStub
import Foundation
import StubHTTP

/// Exit statuses in the BSD sysexits manner.
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
}

/// Writes a line to standard output, waiting for a slow reader (see `Console`).
func printLine(_ line: String) {
    Console.output.write(line)
}

/// Writes `Error: message` to standard error, waiting for a slow reader (see `Console`).
func printError(_ message: String) {
    Console.errors.write("Error: \(message)")
}

// Whatever standard streams we were given, or not given, no write may end the process.
reserveStandardDescriptors()
ignoreBrokenPipeSignal()

let command: Command
do {
    command = try CommandLineParser.parse(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
} catch {
    printError(error.message)
    Console.exit(ExitStatus.usage)
}

switch command {
case .help:
    printLine(CommandLineParser.helpText)
    Console.exit(ExitStatus.success)
case .version:
    printLine("authstub \(AuthStubVersion.current)")
    Console.exit(ExitStatus.success)
case .serve(let options):
    Console.exit(await Serve.run(options), patience: Console.stopPatience)
case .record(let options):
    Console.exit(await Record.run(options), patience: Console.stopPatience)
case .validate(let folders):
    Console.exit(Validate.run(folders))
case .verify(let options):
    Console.exit(await Verify.run(options))
case .openapi(let folders):
    Console.exit(PrintOpenAPI.run(folders))
case .controlOpenAPI:
    Console.exit(PrintOpenAPI.runControl())
case .schema:
    printLine(FixtureSchema.text)
    Console.exit(ExitStatus.success)
}

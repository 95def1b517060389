import AuthStub
import Foundation

/// `authstub record`: a server with no fixtures that forwards every request to the target,
/// answers with the real response, and keeps what went by; on SIGINT, SIGTERM or SIGHUP (or a
/// `POST /__control/recording/save` before) it writes the recording as a fixture folder and
/// prints what it wrote, scrubbed and inferred, and the users' passwords.
enum Record {
    static func run(_ options: RecordOptions) async -> Int32 {
        let recordingOptions = RecordingOptions(
            service: options.service,
            keepCredentials: options.keepCredentials,
            scrubFields: options.scrubFields
        )
        let destination = Recording.Destination(folder: URL(fileURLWithPath: options.out), options: recordingOptions)
        let folder = destination.serviceFolder
        // Refused now rather than when stopping, when the recording could no longer be saved.
        do throws(RecordingWriteError) {
            try RecordingWriter.checkDestination(folder)
        } catch {
            printError(error.reason)
            return ExitStatus.failure
        }
        var limits = Recording.Limits()
        if let bytes = options.limitBytes { limits.maximumBytes = bytes }
        let recording = Recording(limits: limits, destination: destination) { message in Console.errors.offer("authstub: \(message)") }
        var serverOptions = Serve.serverOptions(options.serve)
        serverOptions.fixtures = []
        serverOptions.proxyUnmatched = options.target
        serverOptions.recording = recording
        let banner = [
            "recording \(options.target.absoluteString) into \(folder.path) (save: Ctrl-C, SIGTERM, SIGHUP or POST /__control/recording/save)"
        ]
        return await Serve.run(options.serve, serverOptions, banner: banner) {
            guard recording.status.exchanges > 0 else {
                printLine("Nothing was recorded, so nothing was written.")
                return ExitStatus.success
            }
            do throws(RecordingWriteError) {
                for line in try recording.save().lines() { printLine(line) }
                printLine("Next: authstub validate \(folder.path) && authstub serve --fixtures \(folder.path)")
                return ExitStatus.success
            } catch {
                printError(error.reason)
                return ExitStatus.failure
            }
        }
    }
}

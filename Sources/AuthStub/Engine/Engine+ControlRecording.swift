import StubHTTP

extension Engine {
    /// What the recording of `authstub record` holds now; 404 on a server that is not recording.
    func recordingStatus() throws(ControlError) -> RecordingStatus {
        let recording = try activeRecording()
        return RecordingStatus(status: recording.status, destination: recording.destination)
    }

    /// Writes the recording as a fixture folder now and says what was written and scrubbed;
    /// 404 on a server that is not recording, 409 when there is nothing to write yet or the
    /// folder cannot be written.
    func saveRecording() throws(ControlError) -> RecordingReport {
        let recording = try activeRecording()
        do throws(RecordingWriteError) {
            return try recording.save()
        } catch {
            throw ControlError(status: 409, message: error.reason)
        }
    }

    private func activeRecording() throws(ControlError) -> Recording {
        guard let recording = settings.recording else {
            throw .notFound("this server is not recording (start it with authstub record --target URL)")
        }
        return recording
    }
}

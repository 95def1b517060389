import StubHTTP

/// The control operations on faults.
extension Engine {
    func addFault(_ fault: Fault) throws(ControlError) -> InstalledFault {
        let checked = try fault.validated()
        return state.withLock { $0.faults.add(checked) }
    }

    func faults() -> [InstalledFault] {
        state.withLock { $0.faults.installed }
    }

    func removeFault(id: String) throws(ControlError) {
        guard state.withLock({ $0.faults.remove(id: id) }) else {
            throw .notFound("no fault \"\(id)\"")
        }
    }

    func clearFaults() {
        state.withLock { $0.faults.removeAll() }
    }
}

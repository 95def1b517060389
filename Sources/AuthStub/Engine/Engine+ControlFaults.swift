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

    /// One fault; a 404 when there is no such id.
    func fault(id: String) throws(ControlError) -> InstalledFault {
        guard let fault = faults().first(where: { $0.id == id }) else { throw .notFound("no fault \"\(id)\"") }
        return fault
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

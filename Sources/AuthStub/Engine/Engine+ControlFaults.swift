import StubHTTP

/// The control operations on faults.
extension Engine {
    func addFault(_ fault: Fault) throws(ControlError) -> InstalledFault {
        let addition = FaultList.Addition(try fault.validated())
        return try state.withLock { (state: inout EngineState) throws(ControlError) -> InstalledFault in try state.faults.add(addition) }
    }

    /// Every fault, live and spent. The list is copied under the lock (copy on write: O(1)) and
    /// sorted outside it; a fault applied or added meanwhile copies the index once, under the
    /// lock, where building the listing there would cost every listing O(n log n).
    func faults() -> [InstalledFault] {
        state.withLock { $0.faults }.listed
    }

    /// One fault; a 404 when there is no such id.
    func fault(id: String) throws(ControlError) -> InstalledFault {
        guard let fault = state.withLock({ $0.faults.fault(id: id) }) else { throw .notFound("no fault \"\(id)\"") }
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

import StubHTTP

/// The control operations on faults.
extension Engine {
    func addFault(_ fault: Fault) throws(ControlError) -> InstalledFault {
        let addition = try FaultList.Addition(try fault.validated())
        return try state.withLock { (state: inout EngineState) throws(ControlError) -> InstalledFault in try state.faults.add(addition) }
    }

    /// Up to `limit` faults (nil: all), live and spent, in the order added, after the fault
    /// `after` (nil: from the first); `next` is the last one's id when more remain. A page is
    /// built under the lock, costing what it holds (see `FaultList.page(after:limit:)`); the
    /// whole list is copied under the lock (copy on write: O(1)) and walked outside it.
    func faults(limit: Int?, after: String?) throws(ControlError) -> FaultPage {
        let limit = try PageRequest.checked(limit: limit)
        let wanted = PageRequest.fetchCount(for: limit)
        let listed =
            if limit == nil {
                state.withLock { $0.faults }.page(after: after, limit: wanted)
            } else {
                state.withLock { $0.faults.page(after: after, limit: wanted) }
            }
        guard let listed else {
            throw .badInput("after must be the id of a fault the server lists (such as f17); it lists no \"\(after ?? "")\"", field: "after")
        }
        let (page, more) = PageRequest.split(listed, limit: limit)
        return FaultPage(faults: page, next: more ? page.last?.id : nil)
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

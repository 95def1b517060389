import Synchronization

extension EventLoop {
    /// At most this many accepts per wake, so one loop cannot starve its connections.
    static let acceptBatch = 32
    /// How long accepting pauses after the process runs out of descriptors.
    static let descriptorBackoff: Duration = .milliseconds(100)

    /// Accepts what is pending. Every loop watches the listener; a loop that loses the race
    /// simply sees `wouldBlock`. Nothing is accepted while the process's descriptor reserve is
    /// given back (see `DescriptorReserve`), whichever loop or server ran out: it is looked at
    /// before each accept, so a loop in the middle of a batch when another runs out takes at
    /// most one of the descriptors given back.
    func acceptConnections() {
        for _ in 0..<Self.acceptBatch {
            guard DescriptorReserve.shared.isHeld else {
                pauseAccepting()
                return
            }
            switch Socket.accept(core.listener) {
            case .accepted(let fd, let peer):
                let slot = pollSet.add(fd, interest: .readable)
                let connection = Connection(
                    fd: fd,
                    id: core.makeConnectionID(),
                    peer: peer,
                    slot: slot,
                    limits: core.configuration.limits,
                    now: now
                )
                slotOwners.append(connection)
                connections[connection.id] = connection
            case .wouldBlock:
                return
            case .failed(let error):
                if error.isDescriptorExhaustion {
                    DescriptorReserve.shared.release()
                    if !core.reportedDescriptorExhaustion.exchange(true, ordering: .relaxed) {
                        core.configuration.log("accept: \(error.reason); pausing new connections until descriptors free up")
                    }
                } else {
                    core.configuration.log("accept failed: \(error); retrying shortly")
                }
                pauseAccepting()
                return
            }
        }
    }

    /// Stops watching the listener for a moment: a level-triggered listener with no free
    /// descriptor would otherwise wake the loop in a busy cycle.
    private func pauseAccepting() {
        listenerPausedUntil = now + Self.descriptorBackoff
        pollSet.setInterest([], at: Self.listenerSlot)
    }

    /// Watches the listener again once its pause is over and the descriptor reserve is held
    /// again; otherwise pauses once more.
    func resumeListenerIfDue() {
        guard let paused = listenerPausedUntil, now >= paused else { return }
        guard DescriptorReserve.shared.isHeld || DescriptorReserve.shared.refill() else {
            listenerPausedUntil = now + Self.descriptorBackoff
            return
        }
        listenerPausedUntil = nil
        pollSet.setInterest(.readable, at: Self.listenerSlot)
    }
}

/// A live token's clock deadline in the heap (`TokenStore.deadlines`).
struct TokenDeadline: Sendable {
    /// When the clock ends it, as last scheduled: a use since may have pushed its idle end
    /// later, which the sweep finds when it gets there.
    var at: Int64
    var slot: UInt32
}

/// Ending live tokens on the clock: a min-heap of their deadlines (absolute expiry or idle
/// end), swept a few at a time. A use does not touch the heap (no cost on the request path);
/// when an entry comes due the sweep reads the token's real deadline and reschedules it if a
/// use moved it. Setting the clock back holds the sweep off; a token it moved to the history is
/// still judged by the clock when used (`TokenStore.touch` brings it back).
extension TokenStore {
    /// Deadlines handled at most per sweep: enough to keep up with issues, small enough that
    /// no request pays for many.
    static let sweepStep = 8

    /// Moves up to `sweepStep` tokens whose deadline has passed to the history.
    mutating func sweep(now: Int64) {
        var steps = 0
        while steps < Self.sweepStep, deadlines.count > 0, deadlines[0].at <= now {
            steps += 1
            let slot = deadlines[0].slot
            if let end = currentDeadline(of: slot), end > now {
                deadlines[0].at = end
                siftDown(0)
            } else if clockHasEnded(slot, now: now) {
                moveToHistory(slot)
            } else {
                removeDeadline(of: slot)  // disabled: re-enabling schedules it again
            }
        }
        trimHistory()
    }

    /// Whether the clock has ended the live token `slot` at `now` (as the control API would
    /// show it: expired).
    func clockHasEnded(_ slot: UInt32, now: Int64) -> Bool {
        record(slot, token: "").state(now: now, idleLimit: idleLimit(of: slot)) == .expired
    }

    /// Puts a live token with a clock deadline in the heap, unless it is there.
    mutating func scheduleDeadline(of slot: UInt32) {
        guard slots[slot].deadlinePosition == TokenSlot.none, !slots[slot].inHistory, let end = currentDeadline(of: slot) else { return }
        deadlines.append(TokenDeadline(at: end, slot: slot))
        slots[slot].deadlinePosition = UInt32(truncatingIfNeeded: deadlines.count - 1)
        siftUp(deadlines.count - 1)
    }

    /// Takes `slot` out of the heap, if it is there.
    mutating func removeDeadline(of slot: UInt32) {
        let position = Int(slots[slot].deadlinePosition)
        guard slots[slot].deadlinePosition != TokenSlot.none, position < deadlines.count else { return }
        slots[slot].deadlinePosition = TokenSlot.none
        let last = deadlines.count - 1
        if position != last { place(deadlines[last], at: position) }
        deadlines.removeLast()
        if position < deadlines.count {
            // The entry moved in may belong higher or lower; whichever way, one of these is a no-op.
            siftUp(position)
            siftDown(position)
        }
    }

    /// The clock deadline of a token that is not disabled, or nil.
    private func currentDeadline(of slot: UInt32) -> Int64? {
        let value = slots[slot]
        return value.enabled ? value.clockEnd(idleLimit: idleLimit(of: slot)) : (value.deadline == .max ? nil : value.deadline)
    }

    // The sifts carry the moving entry in a hole and place it once, so each level writes one
    // entry and one slot's `deadlinePosition` (a swap wrote two; the slots are spread over
    // megabytes when the store is full, so each write is likely a cache miss). The heap they
    // leave is the one swapping would.

    private mutating func siftUp(_ start: Int) {
        let moving = deadlines[start]
        var position = start
        while position > 0 {
            let parent = (position - 1) / 2
            guard moving.at < deadlines[parent].at else { break }
            place(deadlines[parent], at: position)
            position = parent
        }
        if position != start { place(moving, at: position) }
    }

    private mutating func siftDown(_ start: Int) {
        let moving = deadlines[start]
        var position = start
        while true {
            let left = 2 * position + 1
            guard left < deadlines.count else { break }
            let right = left + 1
            let child = right < deadlines.count && deadlines[right].at < deadlines[left].at ? right : left
            guard deadlines[child].at < moving.at else { break }
            place(deadlines[child], at: position)
            position = child
        }
        if position != start { place(moving, at: position) }
    }

    /// Puts `deadline` at `position` and tells its slot.
    private mutating func place(_ deadline: TokenDeadline, at position: Int) {
        deadlines[position] = deadline
        slots[deadline.slot].deadlinePosition = UInt32(truncatingIfNeeded: position)
    }
}

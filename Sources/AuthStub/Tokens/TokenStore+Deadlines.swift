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
        guard scheduledPosition(of: slot) == nil, !slots[slot].inHistory, let end = currentDeadline(of: slot) else { return }
        deadlines.append(TokenDeadline(at: end, slot: slot))
        setDeadlinePosition(of: slot, UInt32(truncatingIfNeeded: deadlines.count - 1))
        siftUp(deadlines.count - 1)
    }

    /// Takes `slot` out of the heap, if it is there.
    mutating func removeDeadline(of slot: UInt32) {
        guard let position = scheduledPosition(of: slot) else { return }
        setDeadlinePosition(of: slot, TokenSlot.none)
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
    // entry and one position (a swap wrote two). The positions live in an array of their own,
    // 4 bytes a slot, not in the slots: a profile of a full store under `wrk -c64` had these
    // writes as the store's costliest line, each one a cache miss into megabytes of slots. The
    // heap the sifts leave is the one swapping would.

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

    /// Puts `deadline` at `position` and records where its slot's deadline is.
    private mutating func place(_ deadline: TokenDeadline, at position: Int) {
        deadlines[position] = deadline
        setDeadlinePosition(of: deadline.slot, UInt32(truncatingIfNeeded: position))
    }

    /// `slot`'s place in the heap; nil when it is not there. The entry found there must be the
    /// slot's own, so a position left behind by a slot that was freed and reused reads as none.
    private func scheduledPosition(of slot: UInt32) -> Int? {
        guard deadlinePositions.indices.contains(Int(slot)) else { return nil }
        let position = Int(deadlinePositions[Int(slot)])
        return position < deadlines.count && deadlines[position].slot == slot ? position : nil
    }

    /// Records `slot`'s place in the heap, growing the positions to its number: slots are
    /// numbered from 0 and reused, so they stay as many as the store holds at most.
    private mutating func setDeadlinePosition(of slot: UInt32, _ position: UInt32) {
        let index = Int(slot)
        if index >= deadlinePositions.count {
            deadlinePositions.append(contentsOf: repeatElement(TokenSlot.none, count: index + 1 - deadlinePositions.count))
        }
        deadlinePositions[index] = position
    }
}

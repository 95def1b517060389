/// Ending tokens, for a recorded reason or on the clock, and the bounded history of ended ones.
extension TokenStore {
    /// Logs the token out.
    mutating func revoke(_ token: String, now: Int64) {
        guard let key = TokenKey(token), let slot = find(key) else { return }
        end(slot, .loggedOut, now: now)
        trimHistory()
    }

    /// Expires the token now (control API, `tokenExpired` fault); false when it is unknown.
    @discardableResult
    mutating func expire(_ token: String, now: Int64) -> Bool {
        guard let key = TokenKey(token), let slot = find(key) else { return false }
        end(slot, .forced, now: now)
        trimHistory()
        return true
    }

    /// Expires every token that could still be used; returns how many there were.
    mutating func expireAll(now: Int64) -> Int {
        var usable: [UInt32] = []
        for list in [live, history] {
            var slot = list.head
            while slot != TokenSlot.none {
                if record(slot).refusal(now: now, idleLimit: idleLimit(of: slot)) == nil { usable.append(slot) }
                slot = slots.next(of: slot, .list)
            }
        }
        for slot in usable { end(slot, .forced, now: now) }
        trimHistory()
        return usable.count
    }

    /// Ends every token of `token`'s family that has not ended for a recorded reason (as
    /// `familyRevoked`, or `reason`); returns how many it ended.
    @discardableResult
    mutating func revokeFamily(of token: String, now: Int64, as reason: TokenEndReason = .familyRevoked) -> Int {
        guard let key = TokenKey(token), let first = find(key) else { return 0 }
        let ended = familySlots(of: first).filter { slots[$0].recordedEnd == nil }
        for slot in ended { end(slot, reason, now: now) }
        trimHistory()
        return ended.count
    }

    /// Ends every token of the user that has not ended for a recorded reason; returns how many
    /// it ended.
    @discardableResult
    mutating func revokeAll(service: String, user: String, now: Int64) -> Int {
        guard let principal = principals.find(service: service, user: user) else { return 0 }
        var ended = endedSlots { slots[$0].principal == principal && slots[$0].recordedEnd == nil }
        var slot = principals.entries[Int(principal)].live.head
        while slot != TokenSlot.none {
            ended.append(slot)
            slot = slots.next(of: slot, .user)
        }
        for slot in ended { end(slot, .userRevoked, now: now) }
        trimHistory()
        return ended.count
    }

    /// Ends `slot` for `reason` at `now` (or when the clock had already ended it, if earlier),
    /// unless it already ended for a recorded reason. The caller trims the history after.
    mutating func end(_ slot: UInt32, _ reason: TokenEndReason, now: Int64) {
        guard slots[slot].recordedEnd == nil else { return }
        slots[slot].deadline = min(slots[slot].clockEnd(idleLimit: idleLimit(of: slot)) ?? .max, now)
        slots[slot].recordedEnd = reason
        if !slots[slot].inHistory { moveToHistory(slot) }
    }

    /// Moves a live token to the history's tail (it has ended, for a recorded reason or on the
    /// clock).
    mutating func moveToHistory(_ slot: UInt32) {
        removeDeadline(of: slot)
        slots.remove(slot, from: &live, .list)
        slots.remove(slot, from: &principals.entries[Int(slots[slot].principal)].live, .user)
        slots[slot].inHistory = true
        slots.append(slot, to: &history, .list)
    }

    /// Forgets the ended tokens beyond the `TokenLimits.retainedEnded` that ended last.
    mutating func trimHistory() {
        while history.count > TokenLimits.retainedEnded { forget(history.head) }
    }

    /// Forgets `slot` altogether: its token becomes unknown.
    mutating func forget(_ slot: UInt32) {
        let value = slots[slot]
        index.remove(slot, hash: TokenKey(value, longKeys: longKeys).hash)
        if value.inHistory {
            slots.remove(slot, from: &history, .list)
        } else {
            removeDeadline(of: slot)
            slots.remove(slot, from: &live, .list)
            slots.remove(slot, from: &principals.entries[Int(value.principal)].live, .user)
        }
        slots.remove(slot, from: &order, .order)
        if let before = familySlots(of: slot).last, before != slot { slots[before].familyNext = value.familyNext }
        if value.keyLength == TokenKey.longLength, longKeys.indices.contains(Int(value.key0)) {
            longKeys[Int(value.key0)] = []
            freeLongKeys.append(Int(value.key0))
        }
        if value.hasNote { notes[slot] = nil }
        familyNumbers.bySlot[slot] = nil
        grants[slot] = nil
        principals.release(value.principal)
        slots.release(slot)
    }
}

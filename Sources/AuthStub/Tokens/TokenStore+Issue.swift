/// Issuing tokens and recording their use.
extension TokenStore {
    /// What a new token is.
    struct Issue: Sendable {
        var kind = TokenKind.access
        var service: String
        var user: String
        /// Its absolute expiry (`expirationTime`, or issue time plus a lifetime).
        var expiresAt: Int64?
        var note: String?
        /// A token of the family the new one joins (a refresh descends from a login); nil or
        /// an unknown token: a family of its own.
        var family: String?
        /// What its value looks like.
        var format = TokenFormat.uuid
        /// What its OAuth 2.0 grant said; nil: none.
        var grant: TokenGrant?
        /// For a JWT format: what the JWT says beyond its subject and times; nil: a random value.
        var jwt: JWTMinting?
    }

    /// Issues a fresh token (with a value from the generator).
    mutating func issue(
        service: String,
        user: String,
        now: Int64,
        expiresAt: Int64? = nil,
        note: String? = nil,
        format: TokenFormat = .uuid
    ) -> TokenRecord {
        issue(Issue(service: service, user: user, expiresAt: expiresAt, note: note, format: format), now: now)
    }

    /// Issues a fresh token (with a value from the generator).
    mutating func issue(_ issue: Issue, now: Int64) -> TokenRecord {
        let (value, key) = issue.jwt.map { signedToken($0, for: issue, now: now) } ?? freshToken(issue.format)
        let slot = store(key, issue, now: now)
        return record(slot, token: value)
    }

    /// Makes `token` a fresh, active token of `service`, whatever it was before (a Pact
    /// provider state names the token its recorded requests carry). nil when `token` is empty
    /// or longer than `TokenKey.maximumLength`.
    mutating func register(_ token: String, service: String, user: String, now: Int64) -> TokenRecord? {
        guard let key = TokenKey(token) else { return nil }
        if let old = find(key) { forget(old) }
        let slot = store(key, Issue(service: service, user: user), now: now)
        return record(slot, token: token)
    }

    /// Records a successful use: the idle timer starts again and the token becomes the most
    /// recently used. A token the sweep had moved to the history on the clock is live again
    /// when the clock was set back (it was judged usable).
    mutating func touch(_ token: String, now: Int64) {
        guard let key = TokenKey(token), let slot = find(key) else { return }
        slots[slot].lastUsedAt = now
        if slots[slot].inHistory {
            guard slots[slot].recordedEnd == nil else { return }
            revive(slot, now: now)
        } else {
            slots.moveToTail(slot, in: &live, .list)
            slots.moveToTail(slot, in: &principals.entries[Int(slots[slot].principal)].live, .user)
        }
        scheduleDeadline(of: slot)
    }

    /// Disables or re-enables the token.
    mutating func setEnabled(_ token: String, _ enabled: Bool) {
        guard let key = TokenKey(token), let slot = find(key) else { return }
        slots[slot].enabled = enabled
        if enabled { scheduleDeadline(of: slot) }
    }

    /// Stores `key` as a new token, making room within the limits first; returns its slot.
    private mutating func store(_ key: TokenKey, _ issue: Issue, now: Int64) -> UInt32 {
        sweep(now: now)
        let principal = principals.intern(service: issue.service, user: issue.user)
        internService(of: principal)
        makeRoom(for: principal, now: now)
        let slot = slots.allocate()
        var value = TokenSlot()
        if let long = key.long {
            value.keyLength = TokenKey.longLength
            value.key0 = UInt64(storeLongKey(long))
        } else {
            key.writeInline(into: &value)
        }
        value.kind = issue.kind
        value.principal = principal
        value.issuedAt = now
        value.lastUsedAt = now
        value.deadline = issue.expiresAt ?? .max
        value.familyNext = slot
        value.hasNote = issue.note != nil
        slots[slot] = value
        if let note = issue.note { notes[slot] = note }
        if let grant = issue.grant { grants[slot] = grant }
        principals.retain(principal)
        slots.append(slot, to: &live, .list)
        slots.append(slot, to: &principals.entries[Int(principal)].live, .user)
        slots.append(slot, to: &order, .order)
        index.insert(slot, hash: key.hash)
        if let relative = issue.family.flatMap(TokenKey.init).flatMap(find), relative != slot {
            slots[slot].familyNext = slots[relative].familyNext
            slots[relative].familyNext = slot
            familyNumbers.join(slot, familyOf: relative)
        }
        scheduleDeadline(of: slot)
        trimHistory()
        return slot
    }

    private mutating func storeLongKey(_ bytes: [UInt8]) -> Int {
        if let reused = freeLongKeys.popLast() {
            longKeys[reused] = bytes
            return reused
        }
        longKeys.append(bytes)
        return longKeys.count - 1
    }

    /// A token that is live again: back in the live lists, within the limits.
    private mutating func revive(_ slot: UInt32, now: Int64) {
        let principal = slots[slot].principal
        slots.remove(slot, from: &history, .list)
        slots[slot].inHistory = false
        makeRoom(for: principal, now: now)
        slots.append(slot, to: &live, .list)
        slots.append(slot, to: &principals.entries[Int(principal)].live, .user)
        trimHistory()
    }
}

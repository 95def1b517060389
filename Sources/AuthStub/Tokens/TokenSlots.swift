/// A doubly linked list of slots: its ends and length.
struct TokenList: Sendable {
    var head = TokenSlot.none
    var tail = TokenSlot.none
    var count = 0
}

/// Which links of a slot a list runs through.
enum TokenLinks: Sendable {
    /// The live list or the ended history (`listPrev`, `listNext`).
    case list
    /// The issue order.
    case order
    /// A user's live tokens.
    case user
}

/// The store's slots, in chunks (`ChunkedArray`), with the free ones chained for reuse and the
/// operations on the lists that run through them.
struct TokenSlots: Sendable {
    private var storage = ChunkedArray<TokenSlot>()
    private var firstFree = TokenSlot.none

    subscript(slot: UInt32) -> TokenSlot {
        get { storage[Int(slot)] }
        set { storage[Int(slot)] = newValue }
    }

    /// A slot for a new token (reset to defaults). The limits keep the slots in use far below
    /// `UInt32` numbers (`TokenLimits.maximum` live plus the history).
    mutating func allocate() -> UInt32 {
        if firstFree != TokenSlot.none {
            let slot = firstFree
            firstFree = self[slot].listNext
            self[slot] = TokenSlot()
            return slot
        }
        storage.append(TokenSlot())
        return UInt32(truncatingIfNeeded: storage.count - 1)
    }

    /// Gives `slot` back for reuse.
    mutating func release(_ slot: UInt32) {
        var cleared = TokenSlot()
        cleared.listNext = firstFree
        self[slot] = cleared
        firstFree = slot
    }

    /// Adds `slot` at the tail of `list`.
    mutating func append(_ slot: UInt32, to list: inout TokenList, _ links: TokenLinks) {
        setLinks(of: slot, links, previous: list.tail, next: TokenSlot.none)
        if list.tail == TokenSlot.none {
            list.head = slot
        } else {
            setNext(of: list.tail, links, slot)
        }
        list.tail = slot
        list.count += 1
    }

    /// Takes `slot` out of `list`.
    mutating func remove(_ slot: UInt32, from list: inout TokenList, _ links: TokenLinks) {
        let (previous, next) = self.links(of: slot, links)
        if previous == TokenSlot.none { list.head = next } else { setNext(of: previous, links, next) }
        if next == TokenSlot.none { list.tail = previous } else { setPrevious(of: next, links, previous) }
        setLinks(of: slot, links, previous: TokenSlot.none, next: TokenSlot.none)
        list.count -= 1
    }

    /// Moves `slot` to the tail of `list` (it was just used).
    mutating func moveToTail(_ slot: UInt32, in list: inout TokenList, _ links: TokenLinks) {
        guard list.tail != slot else { return }
        remove(slot, from: &list, links)
        append(slot, to: &list, links)
    }

    /// The slot after `slot` in a list.
    func next(of slot: UInt32, _ links: TokenLinks) -> UInt32 { self.links(of: slot, links).next }

    private func links(of slot: UInt32, _ links: TokenLinks) -> (previous: UInt32, next: UInt32) {
        let value = self[slot]
        switch links {
        case .list: return (value.listPrev, value.listNext)
        case .order: return (value.orderPrev, value.orderNext)
        case .user: return (value.userPrev, value.userNext)
        }
    }

    private mutating func setLinks(of slot: UInt32, _ links: TokenLinks, previous: UInt32, next: UInt32) {
        setPrevious(of: slot, links, previous)
        setNext(of: slot, links, next)
    }

    private mutating func setNext(of slot: UInt32, _ links: TokenLinks, _ next: UInt32) {
        switch links {
        case .list: self[slot].listNext = next
        case .order: self[slot].orderNext = next
        case .user: self[slot].userNext = next
        }
    }

    private mutating func setPrevious(of slot: UInt32, _ links: TokenLinks, _ previous: UInt32) {
        switch links {
        case .list: self[slot].listPrev = previous
        case .order: self[slot].orderPrev = previous
        case .user: self[slot].userPrev = previous
        }
    }
}

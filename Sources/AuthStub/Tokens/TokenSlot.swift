/// One token as the store keeps it: 80 bytes of plain values, no references. Its text is
/// stored once, here (`TokenKey`: a UUID packed, or up to 20 bytes) or in
/// `TokenStore.longKeys`; its user and service are one index into `TokenPrincipals`; the links
/// chain it into the store's lists.
struct TokenSlot: Sendable {
    /// The link that goes nowhere.
    static let none = UInt32.max

    var issuedAt: Int64 = 0
    var lastUsedAt: Int64 = 0
    /// The absolute expiry (`Int64.max`: none); once the token has ended for a recorded reason,
    /// when it ended.
    var deadline = Int64.max
    /// The key's bytes (`TokenKey`): inline, or the index of a long key in `key0`.
    var key0: UInt64 = 0
    var key1: UInt64 = 0
    var key2: UInt32 = 0
    /// Its user, an index into `TokenPrincipals.entries`.
    var principal: UInt32 = 0
    /// In the live list (least recently used first) or the ended history, by `inHistory`; a
    /// free slot's `listNext` chains the free slots.
    var listPrev = none
    var listNext = none
    /// In the issue order.
    var orderPrev = none
    var orderNext = none
    /// In its user's live tokens, least recently used first.
    var userPrev = none
    var userNext = none
    /// The next token of its family, in a ring (itself when it is alone).
    var familyNext = none
    /// 0: a free slot; else `TokenKey.marker`: the inline key's length, `TokenKey.uuidLength`
    /// or `TokenKey.longLength`.
    var keyLength: UInt8 = 0
    /// Bits 0-1: the kind; 2-4: the recorded end (0: none); 5: disabled; 6: in the ended
    /// history; 7: has a note.
    private var flags: UInt8 = 0

    var isFree: Bool { keyLength == 0 }

    var kind: TokenKind {
        get { TokenKind.allCases[Int(flags & 0b11) % TokenKind.allCases.count] }
        set { flags = (flags & ~0b11) | UInt8(TokenKind.allCases.firstIndex(of: newValue) ?? 0) }
    }

    var recordedEnd: TokenEndReason? {
        get {
            let code = Int((flags >> 2) & 0b111)
            return code == 0 || code > TokenEndReason.allCases.count ? nil : TokenEndReason.allCases[code - 1]
        }
        set {
            let code = newValue.flatMap { TokenEndReason.allCases.firstIndex(of: $0) }.map { UInt8($0 + 1) } ?? 0
            flags = (flags & ~0b11100) | (code << 2)
        }
    }

    var enabled: Bool {
        get { flags & 0b10_0000 == 0 }
        set { setFlag(0b10_0000, !newValue) }
    }

    /// Ended and kept in the history (for a recorded reason, or on the clock by the sweep).
    var inHistory: Bool {
        get { flags & 0b100_0000 != 0 }
        set { setFlag(0b100_0000, newValue) }
    }

    var hasNote: Bool {
        get { flags & 0b1000_0000 != 0 }
        set { setFlag(0b1000_0000, newValue) }
    }

    private mutating func setFlag(_ bit: UInt8, _ on: Bool) {
        flags = on ? flags | bit : flags & ~bit
    }

    /// The deadline the clock ends it by (its absolute expiry or its idle end, the earlier),
    /// or nil when neither applies.
    func clockEnd(idleLimit: Int64?) -> Int64? {
        let idleEnd = idleLimit.map { lastUsedAt &+ $0 } ?? .max
        let end = min(deadline, idleEnd)
        return end == .max ? nil : end
    }
}

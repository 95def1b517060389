/// The numbers that name token families (`TokenInfo.family`), kept beside the slots: a family
/// (a ring through `TokenSlot.familyNext`) gets one when its second member joins, and every
/// member keeps it until the store forgets that member, so the number outlives the token that
/// started the family. A token alone has none, so logins of services without refresh tokens
/// cost nothing here; the entries are bounded by the token limits. Numbers count up from 1 in
/// the order families form, so seeded runs number them alike; a reset starts again at 1.
struct FamilyNumbers: Sendable {
    /// The family number of each slot whose family has more than one member.
    var bySlot: [UInt32: UInt32] = [:]
    /// The number the last family formed got.
    private var last: UInt32 = 0

    /// `slot` joins the family of `relative`, which gets a number first if it was alone.
    mutating func join(_ slot: UInt32, familyOf relative: UInt32) {
        let number: UInt32
        if let existing = bySlot[relative] {
            number = existing
        } else {
            last &+= 1
            number = last
            bySlot[relative] = number
        }
        bySlot[slot] = number
    }
}

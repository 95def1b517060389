/// Members most values leave at their defaults, kept out of line: the value that holds them
/// spends one word on them (nil while every member is at its default), and the members live in
/// an immutable box its copies share. For structs kept by the thousand: a journal entry's rarely
/// set members (`JournalEntry`, `AuthFacts`) took 208 of its 544 bytes before they moved out.
///
/// A holder reads a member through `stored` (one load from the box, no copy of the others) and
/// writes one through `set`, which does nothing when the value is unchanged and otherwise builds
/// a new box (or drops it, when every member is back at its default): that suits members set
/// once while a value is built.
struct Uncommon<Members: UncommonMembers>: Sendable, Equatable {
    /// Immutable, so that copies of the holder can share it.
    private final class Box: Sendable {
        let members: Members

        init(_ members: Members) {
            self.members = members
        }
    }

    private var box: Box?

    /// Every member at its default: no box.
    init() {}

    /// Members as given (a box only when one of them differs from its default).
    init(_ members: Members) {
        box = members == Members() ? nil : Box(members)
    }

    /// The members when one differs from its default; nil when none does.
    var stored: Members? { box?.members }

    /// Sets `member` to `value`; nothing happens when it already has that value. Inlined so that
    /// the compiler sees each caller's literal key path and turns it into a plain member access
    /// (callgrind: otherwise each set goes through the runtime's key-path projection).
    @inline(__always)
    mutating func set<Value: Equatable>(_ member: WritableKeyPath<Members, Value>, to value: Value) {
        var changed = box?.members ?? Members()
        guard changed[keyPath: member] != value else { return }
        changed[keyPath: member] = value
        box = changed == Members() ? nil : Box(changed)
    }

    /// A box exists only while a member differs from its default, so comparing what is stored
    /// compares every member.
    static func == (lhs: Uncommon, rhs: Uncommon) -> Bool {
        lhs.box === rhs.box || lhs.stored == rhs.stored
    }
}

/// What `Uncommon` holds: members that all have defaults.
protocol UncommonMembers: Sendable, Equatable {
    /// Every member at its default.
    init()
}

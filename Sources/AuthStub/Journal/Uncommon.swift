/// Members most values leave at their defaults, kept out of line: the value that holds them
/// spends one word on them (nil while every member is at its default), and the members live in
/// an immutable box its copies share. For structs kept by the thousand: a journal entry's rarely
/// set members (`JournalEntry`, `AuthFacts`) took 208 of its 544 bytes before they moved out.
///
/// A holder reads a member through `stored` (one load from the box, no copy of the others) and
/// sets one only when its value changes: setting `members` builds a new box (or drops it, when
/// every member is back at its default), which suits members set once while a value is built.
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
        self.members = members
    }

    /// The members when one differs from its default; nil when none does.
    var stored: Members? { box?.members }

    /// The members: their defaults when none was set.
    var members: Members {
        get { box?.members ?? Members() }
        set { box = newValue == Members() ? nil : Box(newValue) }
    }

    static func == (lhs: Uncommon, rhs: Uncommon) -> Bool {
        lhs.box === rhs.box || lhs.members == rhs.members
    }
}

/// What `Uncommon` holds: members that all have defaults.
protocol UncommonMembers: Sendable, Equatable {
    /// Every member at its default.
    init()
}

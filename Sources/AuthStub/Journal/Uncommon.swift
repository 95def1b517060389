/// Members most values leave at their defaults, kept out of line: the value that holds them
/// spends one word on them (nil while every member is at its default), and the members live in
/// a box its copies share. For structs kept by the thousand: a journal entry's rarely set
/// members (`JournalEntry`, `AuthFacts`) would otherwise take a fifth of every entry.
///
/// Setting a member builds a new box (or drops it, when every member is back at its default),
/// so it suits members set once or twice while a value is built, not in a loop.
struct Uncommon<Members: UncommonMembers>: Sendable, Equatable {
    /// `indirect`: the members are boxed, and the enum is one pointer wide.
    private indirect enum Box: Sendable, Equatable {
        case members(Members)
    }

    private var box: Box?

    /// Members as given (a box only when one of them differs from its default).
    init(_ members: Members) {
        self.members = members
    }

    /// The members: their defaults when none was set.
    var members: Members {
        get {
            guard case .members(let members) = box else { return Members() }
            return members
        }
        set { box = newValue == Members() ? nil : .members(newValue) }
    }
}

/// What `Uncommon` holds: members that all have defaults.
protocol UncommonMembers: Sendable, Equatable {
    /// Every member at its default.
    init()
}

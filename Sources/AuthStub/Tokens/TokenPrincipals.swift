/// The users tokens belong to, each a (service, user name) pair interned once, so that a token
/// names its user and service with one 4-byte index. An entry lives while the store holds a
/// token of its user; its index is then reused. Services are interned for good (the fixtures
/// name them). Not thread-safe; lives inside the engine's lock with the store.
struct TokenPrincipals: Sendable {
    /// One user of one service.
    struct Entry: Sendable {
        var user: String
        var service: Int
        /// The user's live tokens, least recently used first (linked through `TokenSlot.user*`).
        var live = TokenList()
        /// Tokens the store holds for the user, live or ended.
        var held = 0
    }

    /// A user's name within a service, as a dictionary key.
    private struct Name: Hashable, Sendable {
        let service: Int
        let user: String
    }

    /// By index; the store links tokens into `live`.
    var entries: [Entry] = []
    private var free: [UInt32] = []
    private var byName: [Name: UInt32] = [:]
    private(set) var services: [String] = []
    private var serviceByName: [String: Int] = [:]

    /// The user's index, made when new. Entries never outnumber the tokens held (each is
    /// released with its user's last token), so indices stay far below `UInt32` numbers.
    mutating func intern(service: String, user: String) -> UInt32 {
        let serviceIndex = serviceIndex(service)
        let name = Name(service: serviceIndex, user: user)
        if let index = byName[name] { return index }
        let index: UInt32
        if let reused = free.popLast() {
            index = reused
            entries[Int(index)] = Entry(user: user, service: serviceIndex)
        } else {
            index = UInt32(truncatingIfNeeded: entries.count)
            entries.append(Entry(user: user, service: serviceIndex))
        }
        byName[name] = index
        return index
    }

    /// The user's index, if the store holds any of their tokens.
    func find(service: String, user: String) -> UInt32? {
        guard let serviceIndex = serviceByName[service] else { return nil }
        return byName[Name(service: serviceIndex, user: user)]
    }

    /// The service's index, made when new.
    mutating func serviceIndex(_ service: String) -> Int {
        if let index = serviceByName[service] { return index }
        services.append(service)
        serviceByName[service] = services.count - 1
        return services.count - 1
    }

    func serviceName(of principal: UInt32) -> String { services[entries[Int(principal)].service] }

    func userName(of principal: UInt32) -> String { entries[Int(principal)].user }

    /// One more token held for the user.
    mutating func retain(_ principal: UInt32) {
        entries[Int(principal)].held += 1
    }

    /// One token fewer held for the user; the entry goes when none is left.
    mutating func release(_ principal: UInt32) {
        let index = Int(principal)
        entries[index].held -= 1
        guard entries[index].held <= 0 else { return }
        byName[Name(service: entries[index].service, user: entries[index].user)] = nil
        entries[index] = Entry(user: "", service: 0)
        free.append(principal)
    }
}

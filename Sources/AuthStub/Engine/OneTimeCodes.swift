/// The one-time codes the server has made and not yet seen used: at most one per user of a
/// service (so no more than there are users), each ending on the server clock. Part of the
/// engine's state: `reset` forgets them.
struct OneTimeCodes: Sendable {
    /// A code waiting for its login.
    struct Pending: Sendable, Equatable {
        let code: String
        /// Milliseconds on the server clock; from then on the code is expired.
        let expiresAt: Int64
    }

    /// service → username → the pending code.
    private var pending: [String: [String: Pending]] = [:]
    /// nil: the system's generator; seeded runs make the same codes every time.
    private var seeded: SplitMix64?

    init(seed: UInt64?) {
        // A stream of its own, so codes do not shift the tokens a seed gives.
        seeded = seed.map { SplitMix64($0 ^ 0x6F74_7063_6F64_6573) }
    }

    /// The pending code of `user`, expired or not.
    func pending(service: String, user: String) -> Pending? {
        pending[service]?[user]
    }

    /// Keeps `code` for `user` until `expiresAt`, in place of any earlier one.
    mutating func set(_ code: String, service: String, user: String, expiresAt: Int64) -> Pending {
        let entry = Pending(code: code, expiresAt: expiresAt)
        pending[service, default: [:]][user] = entry
        return entry
    }

    /// Makes a new code of `rule.length` digits for `user`, in place of any earlier one.
    mutating func make(for rule: OneTimeCodeRule, service: String, user: String, now: Int64) -> Pending {
        var digits = ""
        for _ in 0..<rule.length {
            let random: UInt64
            if var generator = seeded {
                random = generator.next()
                seeded = generator
            } else {
                var system = SystemRandomNumberGenerator()
                random = system.next()
            }
            digits.append(Character(String(random % 10)))
        }
        return set(digits, service: service, user: user, expiresAt: now &+ rule.lifetimeMilliseconds)
    }

    /// The second step of a login whose password was right: no code sent makes one and asks
    /// for it (`codeRequired`); a code that is not the pending one, or is past its end, is
    /// refused (`badCode`); the right one is used up. nil: the login goes on.
    mutating func check(_ sent: String?, rule: OneTimeCodeRule, service: String, user: String, now: Int64) -> Refusal? {
        guard let sent, !sent.isEmpty else {
            _ = make(for: rule, service: service, user: user, now: now)
            return Refusal(
                .codeRequired,
                "a one-time code is required",
                reason: "one-time code required: one was made for user \"\(user)\"",
                cause: .missing
            )
        }
        guard let entry = pending[service]?[user], entry.code == sent else {
            return Refusal(.badCode, "the one-time code is not valid", reason: "wrong one-time code for user \"\(user)\"", cause: .wrong)
        }
        pending[service]?[user] = nil
        guard now < entry.expiresAt else {
            return Refusal(.badCode, "the one-time code has expired", reason: "expired one-time code for user \"\(user)\"", cause: .expired)
        }
        return nil
    }
}

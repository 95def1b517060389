extension AccountStateChange: ControlModel {
    enum Field: String, ControlField {
        case service, username, state, lockedUntil

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name.").required
            case .username: .string("The user, by username.").required
            case .state: .choice(AccountState.self, "The state to put the account in; `active` unlocks it.").required
            case .lockedUntil: .date("Only with `locked`: when the lock ends by itself; left out, it holds until unlocked.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        guard let state = try fields.choice(.state, as: AccountState.self) else { throw fields.missing(.state) }
        self.init(
            service: try fields.requiredString(.service),
            username: try fields.requiredString(.username),
            state: state,
            lockedUntil: try fields.date(.lockedUntil)
        )
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [.service: .string(service), .username: .string(username), .state: .string(state.rawValue)]
        object[.lockedUntil] = lockedUntil.map(ControlJSON.date)
        return object
    }
}

import StubHTTP

extension Engine {
    /// The code waiting for `user`'s login to `service`: 404 when the service has no one-time
    /// code step, the user is unknown, or no code is waiting.
    func oneTimeCode(_ lookup: CodeLookup) throws(ControlError) -> OneTimeCodeInfo {
        _ = try codeService(lookup.service, user: lookup.user)
        guard let pending = state.withLock({ $0.codes.pending(service: lookup.service, user: lookup.user) }) else {
            throw .notFound("no one-time code is waiting for user \"\(lookup.user)\" of \"\(lookup.service)\"", field: "user")
        }
        return Self.info(pending, service: lookup.service, user: lookup.user)
    }

    /// Sets the code `user`'s login to `service` must send (or makes one), living the rule's
    /// lifetime from now on the server clock.
    func setOneTimeCode(_ setting: CodeSetting) throws(ControlError) -> OneTimeCodeInfo {
        let rule = try codeService(setting.service, user: setting.user)
        if let code = setting.code, code.isEmpty || code.utf8.count > OneTimeCodeInfo.maximumLength {
            throw .badInput("code must be 1 to \(OneTimeCodeInfo.maximumLength) bytes", field: "code")
        }
        let real = wallClockMilliseconds()
        let pending = state.withLock { state in
            let now = state.clock.now(real: real)
            guard let code = setting.code else { return state.codes.make(for: rule, service: setting.service, user: setting.user, now: now) }
            return state.codes.set(code, service: setting.service, user: setting.user, expiresAt: now &+ rule.lifetimeMilliseconds)
        }
        return Self.info(pending, service: setting.service, user: setting.user)
    }

    /// The one-time code rule of `service`, after checking that it has one and knows `user`.
    private func codeService(_ name: String, user: String) throws(ControlError) -> OneTimeCodeRule {
        guard let service = fixtures.services.first(where: { $0.name == name }) else {
            throw .notFound("no service \"\(name)\"", field: "service")
        }
        guard let rule = service.oneTimeCode else {
            throw .notFound("service \"\(name)\" has no oneTimeCode step", field: "service")
        }
        guard state.withLock({ $0.users[name]?[user] != nil }) else {
            throw .notFound("service \"\(name)\" has no user \"\(user)\"", field: "user")
        }
        return rule
    }

    private static func info(_ pending: OneTimeCodes.Pending, service: String, user: String) -> OneTimeCodeInfo {
        OneTimeCodeInfo(service: service, user: user, code: pending.code, expiresAt: ServerTime.date(pending.expiresAt))
    }
}

extension OneTimeCodeInfo {
    /// The longest code the control API sets, in bytes.
    static let maximumLength = 64
}

import Foundation
import StubHTTP

/// One soak connection's loop: takes pair numbers from the tally until the phase's limit and
/// runs each as a login and a logout, `wice` on even numbers and `usertoken` on odd ones, with
/// the control calls that number brings. A logout that a fault answered is sent again with the
/// next pair, as a client would retry it.
final class SoakWorker {
    let connection: SoakConnection
    let tally: SoakTally
    private let control: SoakControl
    /// Tokens whose logout a fault answered (or broke), with the attempts made.
    private var retries: [(token: String, wice: Bool, attempts: Int)] = []

    init(host: String, port: Int, every: Int, tally: SoakTally) {
        connection = SoakConnection(host: host, port: port)
        self.tally = tally
        control = SoakControl(connection: connection, tally: tally, every: every)
    }

    /// Runs pairs until `limit` pairs have been handed out across workers, then closes.
    func run(limit: Int) throws(SoakProtocolError) {
        while let number = tally.takePair(limit: limit) {
            try control.run(before: number)
            if let retry = retries.first {
                retries.removeFirst()
                try logout(retry.token, wice: retry.wice, deprecated: false, attempts: retry.attempts)
            }
            if number % 2 == 0 { try wicePair(number) } else { try userTokenPair(number) }
        }
        connection.close()
    }

    /// `wice`: login at `/m2m` or `/v1`, then `DELETE` logout (every fifth pair the deprecated
    /// `POST`); every hundredth token is left to idle out.
    private func wicePair(_ number: Int) throws(SoakProtocolError) {
        let base = number % 8 == 0 ? "" : "/m2m"
        guard let response = try send(SoakRequests.wiceLogin(base: base), "wice login", expect: 201),
            let token = response.headers["auth-token"]
        else { return }
        if number % 100 == 0 {
            tally.count { $0.abandoned += 1 }
            return
        }
        try logout(token, wice: true, deprecated: number % 10 == 2, attempts: 0)
    }

    /// `usertoken`: Basic login, a bump every other pair, then logout; every hundredth login asks
    /// for an `expirationTime` an hour ahead of the server clock and is left to pass it.
    private func userTokenPair(_ number: Int) throws(SoakProtocolError) {
        let expiring = number % 100 == 1
        let expiresAt = expiring ? ISO8601DateFormatter().string(from: tally.serverNow.addingTimeInterval(3600)) : nil
        guard let response = try send(SoakRequests.userTokenLogin(expiresAt: expiresAt), "usertoken login", expect: 200),
            let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any],
            let token = object["token"] as? String
        else { return }
        if expiring {
            tally.count { $0.abandoned += 1 }
            return
        }
        if number % 4 == 3 { _ = try send(SoakRequests.userToken("bump", token: token), "usertoken bump", expect: 200) }
        try logout(token, wice: false, deprecated: false, attempts: 0)
    }

    /// Logs `token` out; a faulted or broken answer queues it for another try (three at most),
    /// a plain 401 means it had ended already.
    private func logout(_ token: String, wice: Bool, deprecated: Bool, attempts: Int) throws(SoakProtocolError) {
        let request =
            wice
            ? SoakRequests.wiceLogout(base: "/m2m", token: token, deprecated: deprecated)
            : SoakRequests.userToken("logout", token: token)
        let expected: HTTPStatus = wice ? (deprecated ? .created : .noContent) : .ok
        if attempts > 0 { tally.count { $0.retriedLogouts += 1 } }
        switch try exchange(request) {
        case .response(let response) where response.status == expected:
            tally.count { $0.loggedOut += 1 }
        case .response(let response) where response.faulted:
            if attempts < 3 { retries.append((token, wice, attempts + 1)) }
        case .response(let response) where response.status == 401:
            tally.count { $0.refusedLogouts += 1 }
        case .response(let response):
            tally.unexpected("logout: \(response.status) \(response.text.prefix(200))")
        case .broken:
            if attempts < 3 { retries.append((token, wice, attempts + 1)) }
        }
    }

    /// Sends a login or bump; the response when it is `expect`, else nil (a faulted answer or a
    /// broken connection is expected now and then, anything else is not).
    private func send(_ request: HTTPClientRequest, _ what: String, expect: HTTPStatus) throws(SoakProtocolError) -> ParsedResponse? {
        switch try exchange(request) {
        case .response(let response) where response.status == expect:
            return response
        case .response(let response) where response.faulted:
            break
        case .response(let response):
            tally.unexpected("\(what): \(response.status) \(response.text.prefix(200))")
        case .broken:
            break
        }
        return nil
    }

    /// One exchange, counted, and counted again when a fault answered or it broke.
    private func exchange(_ request: HTTPClientRequest) throws(SoakProtocolError) -> SoakConnection.Answer {
        let answer = try connection.exchange(request)
        tally.count { counts in
            counts.requests += 1
            switch answer {
            case .response(let response): if response.faulted { counts.faultedAnswers += 1 }
            case .broken: counts.broken += 1
            }
        }
        return answer
    }
}

import Foundation
import StubHTTP

/// The control API calls mixed into the soak, by pair number, at a cadence of `every` pairs:
/// a fault every `every` pairs (the spent one cleared first), clock moves every 5 × `every`,
/// reads of the tokens, status and a count every 2 × `every`, and of the whole journal every
/// 20 × `every`, the first soon after 5 × `every`, when the journal is full (so a baseline
/// taken after the first tenth of a run of 100 × `every` pairs has seen every call at its
/// full size).
struct SoakControl {
    /// The faults, in turn. Each is spent by the next request (or few) it applies to.
    static let faults: [(kind: String, json: String)] = [
        ("unauthorized", #"{"kind":"unauthorized","times":1}"#),
        ("status", #"{"kind":"status","status":503,"headers":{"Retry-After":"0"},"times":2}"#),
        ("delay", #"{"kind":"delay","delayMs":20,"times":5}"#),
        ("drop", #"{"kind":"drop","times":1}"#),
        ("reset", #"{"kind":"reset","times":1}"#),
        ("malformed", #"{"kind":"malformed","times":1}"#),
        ("tokenExpired", #"{"kind":"tokenExpired","times":1}"#),
        ("deprecatedRemoved", #"{"kind":"deprecatedRemoved","times":1}"#),
    ]

    let connection: SoakConnection
    let tally: SoakTally
    /// The cadence, in pairs (20 to 1,000,000).
    let every: Int

    /// Whatever pair `number` brings besides its login and logout.
    func run(before number: Int) throws(SoakProtocolError) {
        if number % every == every / 2 {
            try call("DELETE", "/__control/faults", expect: 204)
            let fault = Self.faults[(number / every) % Self.faults.count]
            try call("POST", "/__control/faults", body: fault.json, expect: 201)
            tally.count { $0.faultsAdded[fault.kind, default: 0] += 1 }
        }
        if number % (5 * every) == 0 { try moveClock("9h") }
        if number % (5 * every) == 5 * every / 2 { try moveClock("15m") }
        if number % (2 * every) == every / 4 { try readControl() }
        if number % (20 * every) == 5 * every + every / 4 { try readJournal() }
    }

    /// Advances the server clock (past `wice`'s 8 h idle limit with "9h") and notes its time.
    private func moveClock(_ advance: String) throws(SoakProtocolError) {
        let answer = try call("POST", "/__control/clock", body: #"{"advance":"\#(advance)"}"#, expect: 200)
        if let now = Self.date(in: answer, key: "now") { tally.serverNow = now }
        tally.count { $0.clockMoves["+" + advance, default: 0] += 1 }
    }

    /// The token list, the status and a count.
    private func readControl() throws(SoakProtocolError) {
        let tokens = try call("GET", "/__control/tokens", expect: 200)
        let listed = ((try? JSONSerialization.jsonObject(with: Data(tokens?.body ?? []))) as? [String: Any])?["tokens"] as? [Any]
        try call("GET", "/__control/status", expect: 200)
        try call("POST", "/__control/requests/count", body: #"{"path":"/auth/logout"}"#, expect: 200)
        tally.count { counts in
            counts.controlReads += 3
            counts.mostTokensListed = max(counts.mostTokensListed, listed?.count ?? 0)
        }
    }

    /// The whole journal (10,000 entries once it is full, about 5 MiB of JSON), and its faults.
    private func readJournal() throws(SoakProtocolError) {
        try call("GET", "/__control/requests", expect: 200)
        try call("GET", "/__control/requests?fault=true", expect: 200)
        tally.count { $0.controlReads += 2 }
    }

    /// One control call; an answer other than `expect` counts as unexpected.
    @discardableResult
    private func call(_ method: HTTPMethod, _ path: String, body: String? = nil, expect: HTTPStatus) throws(SoakProtocolError) -> ParsedResponse? {
        tally.count { $0.requests += 1 }
        switch try connection.exchange(SoakRequests.request(method, path, body: body)) {
        case .response(let response):
            if response.status != expect { tally.unexpected("\(method) \(path): \(response.status) \(response.text.prefix(200))") }
            return response
        case .broken(let why):
            tally.unexpected("\(method) \(path): \(why)")
            return nil
        }
    }

    /// An RFC 3339 time in a JSON object's member `key`.
    static func date(in response: ParsedResponse?, key: String) -> Date? {
        guard let response, let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any],
            let text = object[key] as? String
        else { return nil }
        return ISO8601DateFormatter().date(from: text)
    }
}

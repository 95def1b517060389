import Dispatch
import Foundation
import StubHTTP

extension Engine {
    /// The upstream a request no fixture matches goes to: that of the service with a `"proxy"`
    /// and the longest base path holding `path`, else `proxyUnmatched`; nil when neither is set.
    func upstream(for path: String, fixtures: FixtureSet) -> UpstreamTarget? {
        fixtures.proxyTarget(of: path) ?? settings.proxyUnmatched
    }

    /// Forwards a request `decide` sent `upstream`, outside the lock: after a `delay` fault's
    /// wait, on the forwarder's thread; then renders the answer (a `malformed` fault breaks it off),
    /// journals the request and records the exchange. Past `Forwarders.inFlightLimit` the
    /// request is answered at once with a 503.
    func forward(
        _ request: HTTPRequest,
        to upstream: UpstreamTarget,
        decision: Decision,
        fixtures: FixtureSet,
        started: ContinuousClock.Instant
    ) -> HTTPAnswer {
        guard let forwarder = settings.forwarders.begin(upstream) else {
            var refused = decision
            refused.forwarded = .failure(
                ForwardFailure(
                    status: .serviceUnavailable,
                    reason: "\(Forwarders.inFlightLimit) requests are being forwarded already; try again when one is answered"
                )
            )
            refused.reason = "not forwarded to \(upstream): \(Forwarders.inFlightLimit) forwards in flight already"
            return .finished(finish(request, decision: refused, fixtures: fixtures, started: started))
        }
        let message = UpstreamRequest(request, to: upstream)
        let delay = decision.delay.map { Int(clamping: max(0, $0.saturatedMilliseconds)) } ?? 0
        return .pending { deliver in
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(delay)) {
                forwarder.forward(message) { result in
                    self.settings.forwarders.finish()
                    var answered = decision
                    answered.delay = nil  // waited for before the forward
                    answered.forwarded = result
                    switch result {
                    case .success(let response): self.record(request, response, from: upstream, at: decision.now)
                    case .failure(let failure): answered.reason = failure.reason
                    }
                    deliver(self.finish(request, decision: answered, fixtures: fixtures, started: started))
                }
            }
        }
    }

    /// The client's answer to a forwarded request: the upstream's, fit for a browser on this
    /// server (`UpstreamAnswer`), or AuthStub's own refusal naming why there is none.
    func forwardedResponse(_ decision: Decision, upstream: UpstreamTarget, host: String?) -> HTTPResponse {
        switch decision.forwarded {
        case .success(let response)?:
            return UpstreamAnswer.forClient(response, from: upstream, host: host)
        case .failure(let failure)?:
            return HTTPResponse.error(status: failure.status, message: failure.reason)
        case nil:
            return HTTPResponse.error(status: .badGateway, message: "the request was not forwarded to the upstream \(upstream)")
        }
    }

    /// Hands the exchange to the recording, if any: the request as the client sent it and the
    /// upstream's answer before any rewrite (its framing fields left out).
    private func record(_ request: HTTPRequest, _ response: UpstreamResponse, from upstream: UpstreamTarget, at now: Int64) {
        guard let recording = settings.recording, let url = URL(string: upstream.description) else { return }
        let framing: Set<String> = ["content-length", "transfer-encoding", "connection", "keep-alive"]
        recording.record(
            ProxiedExchange(
                method: request.method.rawValue,
                path: request.path,
                query: request.query,
                requestHeaders: request.headers.map { HTTPHeaderField($0.name, $0.value) },
                requestBody: request.body,
                status: response.status.code,
                responseHeaders: response.headers.filter { !framing.contains($0.name.lowercased()) }.map { HTTPHeaderField($0.name, $0.value) },
                responseBody: response.body,
                time: ServerTime.date(now),
                upstream: url
            )
        )
    }
}

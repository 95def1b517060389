extension RequestHead {
    /// The header section is complete: apply the rules that need all of it, then choose framing.
    /// Order: Host, the framing fields (`FramingFacts.bodyFraming`), Expect (417). Without
    /// framing fields a request has no body.
    /// `sectionEnd` is the index of the CRLF that ends the header section.
    mutating func finishHead(_ message: inout HTTPMessageParser, _ buf: UnsafeBufferPointer<UInt8>, sectionEnd: Int) -> HTTPMessageParser.Progress {
        let facts = message.facts
        let isHTTP11 = request.version == .http1_1
        if isHTTP11 && facts.hostCount == 0 {
            return .failed(.badRequest("HTTP/1.1 request without a Host field"))
        }
        if facts.hostCount > 1 {
            return .failed(.badRequest("more than one Host field"))
        }
        if !facts.hostIsValid {
            return .failed(.badRequest("the Host field is not host[:port] (RFC 9110 §7.2)"))
        }
        let framing: HTTPMessageParser.BodyFraming?
        switch facts.bodyFraming(isHTTP11: isHTTP11, maxBodyBytes: message.limits.maxBodyBytes) {
        case .success(let chosen): framing = chosen
        case .failure(let error): return .failed(error)
        }
        if facts.hasOtherExpectation {
            return .failed(.expectationFailed("only Expect: 100-continue is supported"))
        }

        request.headers = message.takeHeaders(buf, sectionEnd: sectionEnd)
        request.keepAlive = facts.keepAlive(isHTTP11: isHTTP11)
        return message.beginBody(framing ?? .none)
    }
}

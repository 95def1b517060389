/// Names one endpoint among all services, written `service/endpoint` wherever AuthStub shows it:
/// the journal's `fixture`, `X-AuthStub-Example`, near-miss answers; and the key of the state
/// the control API keeps per endpoint (deprecation phases, sunset dates).
struct EndpointID: Hashable, Sendable, CustomStringConvertible {
    /// The service's name.
    let service: String
    /// The endpoint's name within it.
    let endpoint: String

    init(_ service: ServiceFixture, _ endpoint: EndpointFixture) {
        self.service = service.name
        self.endpoint = endpoint.name
    }

    /// `service/endpoint`.
    var description: String { "\(service)/\(endpoint)" }

    /// `service/endpoint#example`: one documented example of the endpoint.
    func example(_ name: String) -> String { "\(description)#\(name)" }
}

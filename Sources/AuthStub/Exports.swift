// The HTTP vocabulary of AuthStub's API (`HTTPMethod`, `HTTPStatus`, `HTTPHeaders`,
// `HTTPRequest`, `HTTPResponse`) comes from StubHTTP; importing AuthStub brings it along, as
// Hummingbird does with swift-http-types.
@_exported public import StubHTTP

import StubHTTP

/// One operation of the control API, declared once: its method and path, how its input travels
/// (path parameters, query, JSON body), what it answers and with which statuses, and what it
/// asks of the engine. `ControlAPI` routes requests by it and `ControlClient` sends them by it,
/// so the two cannot disagree. The declarations are in `ControlRoutes`.
struct ControlRoute<Input, Output>: Sendable {
    let method: HTTPMethod
    let path: ControlPath
    let input: ControlInput<Input>
    let output: ControlOutput<Output>
    /// The statuses it refuses with (400, 404, 409, 422), besides the 401 and 405 that every
    /// route can answer.
    let refusals: [HTTPStatus]
    /// The operation, through the engine's methods.
    let perform: @Sendable (Engine, Input) throws(ControlError) -> Output

    init(
        _ method: HTTPMethod,
        _ path: ControlPath,
        _ input: ControlInput<Input>,
        _ output: ControlOutput<Output>,
        refusals: [HTTPStatus] = [],
        perform: @escaping @Sendable (Engine, Input) throws(ControlError) -> Output
    ) {
        self.method = method
        self.path = path
        self.input = input
        self.output = output
        self.refusals = refusals
        self.perform = perform
    }

    /// The same operation at another path (the control root answers the status).
    func moved(to path: ControlPath) -> ControlRoute {
        ControlRoute(method, path, input, output, refusals: refusals, perform: perform)
    }

    /// The route with its input and output types hidden, for the table `ControlAPI` reads.
    var erased: AnyControlRoute {
        AnyControlRoute(
            method: method,
            path: path,
            body: input.body,
            query: input.query,
            inputModel: input.model,
            outputModel: output.model,
            bodySchema: input.bodySchema,
            answerSchema: output.schema,
            statuses: [output.status] + refusals
        ) { engine, message throws(ControlError) in
            let answer = try perform(engine, try input.read(message))
            return (output.status, output.write(answer), output.next(answer))
        }
    }
}

/// A `ControlRoute` as `ControlAPI`'s table holds it: what describes it, and one function from
/// the request's parts to the answer.
struct AnyControlRoute: Sendable, CustomStringConvertible {
    let method: HTTPMethod
    let path: ControlPath
    let body: ControlBody
    /// The query parameters it reads.
    let query: [ControlParameter]
    /// The model the body or query holds, and the one the answer holds, by name.
    let inputModel: String?
    let outputModel: String?
    /// The schemas of the request's JSON body and of the success answer's; nil when there is none.
    let bodySchema: JSONObject?
    let answerSchema: JSONObject?
    /// The success status first, then the refusals.
    let statuses: [HTTPStatus]
    /// Reads the input, performs the operation, writes the answer (no body for a 204), and
    /// says where the next page starts when the answer is a page that is not the last.
    let respond: @Sendable (Engine, ControlMessage) throws(ControlError) -> (status: HTTPStatus, body: [UInt8]?, next: String?)

    /// `POST /faults`.
    var description: String { "\(method) \(path)" }
}

/// One control request as a route reads it and the client writes it.
struct ControlMessage {
    /// The values of the path's parameters, in order, percent-decoded.
    var parameters: [String] = []
    /// The query parameters, percent-decoded.
    var query: [(name: String, value: String)] = []
    /// The JSON body; nil when there is none.
    var body: JSONValue?
    /// Where the request reached the control API: `http://` and its `Host` (which the control
    /// gate has checked names this server) and the prefix; the prefix alone without `Host`.
    var controlURL = ""
}

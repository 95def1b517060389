/// An `application/x-www-form-urlencoded` body (WHATWG URL "application/x-www-form-urlencoded
/// parsing"; RFC 6749 appendix B): `name=value` pairs joined by `&`, `+` for a space, `%XX` for
/// a byte.
///
/// Stricter than browsers in one way: a `%` not followed by two hex digits, or a field that does
/// not decode to UTF-8, is refused (400 naming the field) rather than kept as it is. A name sent
/// twice keeps its first value. The body is already bounded by the HTTP layer, and the work is
/// linear in its size.
enum FormBody {
    /// The fields as a JSON object of strings, in the order sent.
    static func parse(_ body: [UInt8]) -> Result<JSONObject, Refusal> {
        var members: [JSONObject.Member] = []
        var seen: Set<String> = []
        var start = 0
        var fieldNumber = 0
        while start <= body.count {
            let end = body[start...].firstIndex(of: UInt8(ascii: "&")) ?? body.count
            defer { start = end + 1 }
            guard end > start else { continue }
            fieldNumber += 1
            let field = body[start..<end]
            let equals = field.firstIndex(of: UInt8(ascii: "=")) ?? end
            let name: String
            switch PercentDecoding.decodeStrictly(body[start..<equals], plusIsSpace: true) {
            case .success(let decoded): name = decoded
            case .failure(let error): return .failure(refusal(error, in: "the name of field \(fieldNumber)"))
            }
            let value: String
            switch PercentDecoding.decodeStrictly(equals < end ? body[(equals + 1)..<end] : [], plusIsSpace: true) {
            case .success(let decoded): value = decoded
            case .failure(let error): return .failure(refusal(error, in: "the value of field \(fieldNumber) (\"\(name.prefix(40))\")"))
            }
            guard seen.insert(name).inserted else { continue }
            members.append(JSONObject.Member(key: name, value: .string(value)))
        }
        return .success(JSONObject(uniqueMembers: members))
    }

    private static func refusal(_ error: PercentDecoding.StrictDecodingError, in place: String) -> Refusal {
        switch error {
        case .malformedEscape:
            Refusal(.badRequest, "the form body is malformed: \(place) has a '%' not followed by two hex digits")
        case .notUTF8:
            Refusal(.badRequest, "the form body is malformed: \(place) is not UTF-8 once percent-decoded")
        }
    }
}

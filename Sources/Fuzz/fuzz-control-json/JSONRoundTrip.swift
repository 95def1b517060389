import AuthStub
import FuzzSupport

/// The JSON parser and serializer agree: whatever parses, serialized, parses back to the same
/// value, and serializes to the same bytes again.
enum JSONRoundTrip {
    static func check(_ bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(bytes) else { return }
        let written = value.serializedBytes()
        guard let again = try? JSONValue.parse(written) else {
            fatalError("invariant broken: \(value) serializes to text that does not parse: \(String(decoding: written, as: UTF8.self))")
        }
        require(again == value, "\(value) reads back as \(again)")
        require(again.serializedBytes() == written, "\(value) serializes differently the second time")
    }
}

/// Why a JWS compact serialization was not accepted, e.g. "the signature does not verify with key \"k1\"".
package struct JWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words.
    package let reason: String

    /// The reason.
    package var description: String { reason }
}

/// A type whose values are named by strings, with the values this version knows: fixture and
/// control readers turn a name into one of them, and list the known names when it is none.
protocol KnownValues: RawRepresentable where RawValue == String {
    /// The values this version knows, in the order error messages list them.
    static var known: [Self] { get }
}

extension KnownValues {
    /// The known value named `name`, if any.
    static func named(_ name: String) -> Self? {
        known.first { $0.rawValue == name }
    }

    /// The known names, quoted and comma-separated: `"login", "logout"`.
    static var knownNames: String {
        known.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    }
}

extension KnownValues where Self: CaseIterable {
    /// Every case.
    static var known: [Self] { Array(allCases) }
}

extension EndpointRole: KnownValues {}
extension ResponseCondition: KnownValues {}
extension TokenState: KnownValues {}
extension TokenKind: KnownValues {}
extension TokenEndReason: KnownValues {}
extension DeprecationPhase: KnownValues {}
extension ProviderStateChange.Action: KnownValues {}
extension JWSAlgorithm: KnownValues {}

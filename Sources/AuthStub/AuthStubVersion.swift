/// The version of this package, reported by `authstub --version` and the status route.
public enum AuthStubVersion {
    /// Semantic version of this release.
    public static let current = "0.1.0"
}

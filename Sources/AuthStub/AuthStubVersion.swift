/// The version of this package: the one place it is written. `authstub --version`, the banner,
/// the `Server` header, the status route and the exported OpenAPI and Pact documents read it;
/// the docs' install lines and sample output are checked against it (see <doc:ReleaseNotes>).
public enum AuthStubVersion {
    /// The Semantic Versioning 2.0.0 version of this release, as its git tag spells it.
    public static let current = "0.2.0"
}

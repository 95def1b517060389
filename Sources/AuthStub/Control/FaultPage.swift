/// One page of the faults a server lists (`faults(limit:after:)`, `GET /__control/faults`):
/// live and spent together, in the order they were added.
public struct FaultPage: Sendable, Equatable {
    /// The faults, first added first.
    public var faults: [InstalledFault]
    /// The fault id to pass as `after` for the next page; nil when this page is the last.
    public var next: String?

    /// A page.
    public init(faults: [InstalledFault], next: String? = nil) {
        self.faults = faults
        self.next = next
    }
}

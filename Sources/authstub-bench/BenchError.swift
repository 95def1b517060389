/// A benchmark that cannot go on: what went wrong.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    /// The error that says `description`.
    init(_ description: String) { self.description = description }
}

/// What the command line asked for, after parsing.
enum Command: Equatable {
    /// `authstub` or `authstub serve …`.
    case serve(ServeOptions)
    /// `--help`, `-h` or `help`.
    case help
    /// `--version`.
    case version
}

/// The flags of `authstub serve`.
struct ServeOptions: Equatable {
    var host = "127.0.0.1"
    var port = 8080
}

/// A command line that cannot be run; printed as `Error: …` with exit status 64.
struct UsageError: Error, Equatable, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// One thing wrong with a fixture: which file, where in it (a JSON path such as
/// `$.responses[1].status`), and why.
public struct FixtureProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file's path as it was found on disk (or the name given to an in-memory fixture).
    public var file: String
    /// Where in the file, as a JSON path; `$` is the whole document.
    public var path: String
    /// What is wrong, in words a person can act on.
    public var reason: String

    /// `fixtures/wice/login.json: $.responses[0].status: expected a number, found a string`
    public var description: String { "\(file): \(path): \(reason)" }
}

/// A fixture set that could not be loaded, with every problem found (not just the first).
public struct FixtureLoadError: Error, Sendable, CustomStringConvertible {
    /// Every problem, in file order.
    public var problems: [FixtureProblem]

    /// `invalid fixtures (2 problems):`, then each problem on a line of its own.
    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "invalid fixtures (\(count)):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

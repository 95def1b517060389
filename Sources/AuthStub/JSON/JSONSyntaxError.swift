/// Why text is not JSON: a message and where (1-based line and column, 0-based byte offset).
///
/// Lines are counted by LF; the column counts bytes from the start of the line.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `expected ',' or '}' after an object member`.
    public var message: String
    /// The line the error is on, from 1.
    public var line: Int
    /// The byte column within that line, from 1.
    public var column: Int
    /// The byte offset from the start of the text, from 0.
    public var offset: Int

    /// An error saying `message` at the given position.
    public init(message: String, line: Int, column: Int, offset: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// E.g. `line 3, column 14: expected ',' or '}' after an object member`.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}

/// Why text is not JSON: a message and where (1-based line and column, 0-based byte offset).
///
/// Lines are counted by LF; the column counts bytes from the start of the line.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    public var offset: Int

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

import Testing

@testable import AuthStub

/// `PathPattern`, the glob of fault matches and journal filters: its edge cases, agreement with
/// a plain dynamic-programming matcher on every small pattern and path, and patterns that would
/// make a backtracking matcher blow up.
@Suite("Path patterns")
struct PathPatternTests {
    /// A pattern, a path, and whether they match.
    struct Case: Sendable, CustomTestStringConvertible {
        let pattern: String
        let path: String
        let matches: Bool
        var testDescription: String { "\(pattern) ~ \(path) → \(matches)" }
    }

    static let cases: [Case] = [
        Case(pattern: "", path: "", matches: true),
        Case(pattern: "", path: "/", matches: false),
        Case(pattern: "*", path: "", matches: true),
        Case(pattern: "*", path: "/m2m/v1/auth/login", matches: true),
        Case(pattern: "**", path: "", matches: true),
        Case(pattern: "**", path: "/x", matches: true),
        Case(pattern: "/a**b", path: "/ab", matches: true),
        Case(pattern: "/a**b", path: "/a", matches: false),
        Case(pattern: "a*a", path: "a", matches: false),
        Case(pattern: "a*a", path: "aa", matches: true),
        Case(pattern: "ab*ba", path: "aba", matches: false),
        Case(pattern: "ab*ba", path: "abba", matches: true),
        Case(pattern: "/m2m/*", path: "/m2m/", matches: true),
        Case(pattern: "/m2m/*", path: "/m2m", matches: false),
        Case(pattern: "*/login", path: "/auth/login", matches: true),
        Case(pattern: "*/login", path: "/auth/login/", matches: false),
        Case(pattern: "/*/auth/*", path: "/v1/auth/", matches: true),
        Case(pattern: "/*/auth/*", path: "/v1/auth", matches: false),
        Case(pattern: "*a*b*c*", path: "/cba/abc", matches: true),
        Case(pattern: "*a*b*c*", path: "/cba/cb", matches: false),
        Case(pattern: "*aab*", path: "/aaab", matches: true),
        Case(pattern: "*abab*", path: "/abaabab", matches: true),
        Case(pattern: "*abab*", path: "/ababa", matches: true),
        Case(pattern: "*abab*", path: "/abaab", matches: false),
        Case(pattern: "/login", path: "/login", matches: true),
        Case(pattern: "/login", path: "/Login", matches: false),
        // Non-ASCII: a star stands for bytes, so it can stand for part of a character.
        Case(pattern: "/caf*", path: "/café", matches: true),
        Case(pattern: "/*é", path: "/café", matches: true),
        Case(pattern: "/caf*\u{301}", path: "/cafe\u{301}", matches: true),  // e and a combining accent
        Case(pattern: "/*e", path: "/café", matches: false),
        Case(pattern: "/ü*/ü", path: "/ü/ü", matches: true),
        Case(pattern: "/ü*/ü", path: "/ü", matches: false),
    ]

    @Test("edge cases: empty pieces, **, a lone *, prefix and suffix that would overlap, non-ASCII", arguments: Self.cases)
    func edgeCase(_ test: Case) {
        #expect(PathPattern(test.pattern).matches(test.path) == test.matches)
        #expect(PathPattern.matches(test.pattern, test.path) == test.matches)
    }

    @Test("only a pattern without * names one exact path")
    func exactPath() {
        #expect(PathPattern("/m2m/v1/auth/login").exactPath == "/m2m/v1/auth/login")
        #expect(PathPattern("/m2m/*").exactPath == nil)
        #expect(PathPattern("*").exactPath == nil)
    }

    @Test("every pattern of up to 6 characters over a, b and * agrees with a dynamic-programming matcher on every path of up to 6 a and b")
    func agreesWithReference() {
        let patterns = Self.words(over: ["a", "b", "*"], upTo: 6)
        let paths = Self.words(over: ["a", "b"], upTo: 6)
        var disagreements: [String] = []
        for pattern in patterns {
            let compiled = PathPattern(pattern)
            for path in paths where compiled.matches(path) != Self.reference(pattern, path) {
                disagreements.append("\(pattern) ~ \(path)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }

    @Test("patterns that make a backtracking matcher take path × pattern steps finish and answer correctly")
    func adversarial() {
        let run = String(repeating: "a", count: 4000)
        let longPath = "/" + String(repeating: "a", count: 8000)
        #expect(!PathPattern("*\(run)b").matches(longPath))
        #expect(PathPattern("*\(run)b").matches(longPath + "b"))
        #expect(PathPattern("*\(run)").matches(longPath))
        let manyStars = String(repeating: "*a", count: 2000) + "*b"
        #expect(!PathPattern(manyStars).matches(longPath))
        #expect(PathPattern(manyStars).matches(longPath + "b"))
        let periodic = "*" + String(repeating: "ab", count: 2000) + "c*"
        let periodicPath = "/" + String(repeating: "ab", count: 4000)
        #expect(!PathPattern(periodic).matches(periodicPath))
        #expect(PathPattern(periodic).matches(periodicPath + "c"))
    }

    /// Every word of at most `length` letters from `alphabet`, the empty one included.
    static func words(over alphabet: [String], upTo length: Int) -> [String] {
        var all = [""]
        var current = [""]
        for _ in 0..<length {
            current = current.flatMap { word in alphabet.map { word + $0 } }
            all += current
        }
        return all
    }

    /// The textbook O(pattern × path) table: `fits[i][j]` says whether the first `i` bytes of
    /// the pattern match the first `j` of the path.
    static func reference(_ pattern: String, _ path: String) -> Bool {
        let pattern = Array(pattern.utf8)
        let path = Array(path.utf8)
        var fits = [[Bool]](repeating: [Bool](repeating: false, count: path.count + 1), count: pattern.count + 1)
        fits[0][0] = true
        for i in stride(from: 1, through: pattern.count, by: 1) {
            for j in 0...path.count {
                if pattern[i - 1] == UInt8(ascii: "*") {
                    fits[i][j] = fits[i - 1][j] || (j > 0 && fits[i][j - 1])
                } else {
                    fits[i][j] = j > 0 && fits[i - 1][j - 1] && pattern[i - 1] == path[j - 1]
                }
            }
        }
        return fits[pattern.count][path.count]
    }
}

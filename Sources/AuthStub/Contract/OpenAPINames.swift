/// Names in OpenAPI documents that generators turn into code (operation ids, tags): lower
/// camel case made of the words of fixture and route names.
enum OpenAPINames {
    /// The runs of letters and digits in `text`: `token-password` → `token`, `password`.
    static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// `words` in lower camel case: `["wice", "login", "m2m"]` → `wiceLoginM2m`.
    static func lowerCamelCase(_ words: [String]) -> String {
        words.enumerated().map { index, word in
            index == 0 ? word.lowercased() : word.prefix(1).uppercased() + word.dropFirst().lowercased()
        }.joined()
    }
}

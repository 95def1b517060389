import Foundation

/// The user's credentials one recorded request carried, as a login reads them:
/// `Authorization: Basic` (unless it names an OAuth client, `ClientCredentials`), or a username
/// and a password field of a JSON or form body (names like `username`, `email`
/// or `login` beside `password`, `passwd` or `pwd`).
struct LoginCredentials: Equatable {
    /// Where they travelled.
    var scheme: CredentialScheme
    /// For `body`: the username's field.
    var usernameField: String?
    /// For `body`: the password's field.
    var passwordField: String?
    /// The username sent.
    var username: String
    /// The password sent.
    var password: String

    /// `Basic`, or `body fields email/password`, for interpretations.
    var description: String {
        scheme == .basic ? "Authorization: Basic" : "body fields \(usernameField ?? "")/\(passwordField ?? "")"
    }
}

extension LoginCredentials {
    /// Normalised field names (`Redaction.normalized`) that hold a username.
    private static let usernameNames: Set<[UInt8]> = Set(
        ["username", "user", "login", "email", "emailaddress", "useremail", "account", "userid"].map { Array($0.utf8) }
    )
    /// Normalised field names that hold a password (any name containing `password` does too).
    private static let passwordNames: Set<[UInt8]> = Set(["password", "passwd", "pass", "pwd", "passphrase", "passcode"].map { Array($0.utf8) })

    /// The credentials `exchange` sent; nil when it sent none a login reads.
    init?(_ exchange: RecordedExchange) {
        if let authorization = exchange.authorization, authorization.scheme.lowercased() == "basic", ClientCredentials(exchange)?.basic != true,
            let (username, password) = Engine.basicPair(authorization.credentials)
        {
            self.init(scheme: .basic, usernameField: nil, passwordField: nil, username: username, password: password)
            return
        }
        guard let fields = exchange.requestFields else { return nil }
        let username = fields.first { Self.usernameNames.contains(Redaction.normalized($0.key)) && $0.value.stringValue != nil }
        let password = fields.first { member in
            let name = String(decoding: Redaction.normalized(member.key), as: UTF8.self)
            return (Self.passwordNames.contains(Array(name.utf8)) || name.contains("password")) && member.value.stringValue != nil
        }
        guard let username, let password else { return nil }
        self.init(
            scheme: .body,
            usernameField: username.key,
            passwordField: password.key,
            username: username.value.stringValue ?? "",
            password: password.value.stringValue ?? ""
        )
    }
}

/// A user a service's login accepts, as the engine keeps it (keyed by service and username): the
/// password its login checks and the data `{{user.<field>}}` shows.
struct UserAccount: Sendable, Equatable {
    /// The password the login checks (may be empty).
    var password: String
    /// The user's values beyond its name, e.g. `{"email": …, "id": 42}`.
    var data: JSONObject = [:]
}

import StubHTTP
import Synchronization

/// Which server answers a URL authority (`authstub-3.invalid`, `127.0.0.1:53122`) for the
/// socket-free transport. `URLProtocol` classes are chosen by type, not by instance, so a
/// request finds its server here. The references are weak: a server that is gone answers no
/// more, and a port reused by a later server belongs to that server.
enum InProcessRegistry {
    private struct Registration {
        weak var server: AuthStubServer?
    }

    private static let servers = Locked<[String: Registration]>([:])
    private static let lastNumber = Atomic<Int>(0)

    /// A host of its own for a new server, under `.invalid` (RFC 6761): no real request can
    /// reach it, so a session without the socket-free transport fails at once.
    static func makeHost() -> String {
        "authstub-\(lastNumber.add(1, ordering: .relaxed).newValue).invalid"
    }

    static func register(_ server: AuthStubServer, authority: String) {
        servers.withLock { $0[authority.lowercased()] = Registration(server: server) }
    }

    /// Forgets `authority` if it still belongs to `server`.
    static func unregister(_ server: AuthStubServer, authority: String) {
        servers.withLock { servers in
            let key = authority.lowercased()
            if let registered = servers[key], registered.server == nil || registered.server === server {
                servers[key] = nil
            }
        }
    }

    static func server(for authority: String) -> AuthStubServer? {
        servers.withLock { $0[authority.lowercased()]?.server }
    }
}

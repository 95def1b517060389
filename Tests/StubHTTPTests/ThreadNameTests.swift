import Foundation
import StubHTTP
import Testing

/// `nameCurrentThread`, how the HTTP layer's and the CLI's threads get the names `gdb`, `perf`
/// and `Thread.current.name` show.
@Suite("Platform: thread names")
struct ThreadNameTests {
    /// Starts a thread that names itself `name` and returns the name it then reads back.
    private static func nameSeen(naming name: String) async -> String? {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                nameCurrentThread(name)
                continuation.resume(returning: Thread.current.name)
            }
            thread.start()
        }
    }

    @Test("a thread names itself as it starts; a name over 15 bytes keeps its first 15, cut between characters")
    func names() async {
        #expect(await Self.nameSeen(naming: "authstub-io-0") == "authstub-io-0")
        #expect(await Self.nameSeen(naming: "authstub-stdout") == "authstub-stdout")
        #expect(await Self.nameSeen(naming: "authstub-forward-to-upstream") == "authstub-forwar")
        // "é" is two bytes, bytes 15 and 16 here: the cut would split it, so it is left out whole.
        #expect(await Self.nameSeen(naming: "abcdefghijklmnéx") == "abcdefghijklmn")
        #expect(await Self.nameSeen(naming: "abcdefghijklmé!") == "abcdefghijklmé")
    }
}
